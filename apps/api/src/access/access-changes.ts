import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/**
 * In-process notice that a person's roles changed. Open connections (collaboration sockets) listen and
 * re-check what that person may still do, so a revoked role takes effect on them at once.
 */
@Injectable()
export class AccessChanges {
  private readonly changes = new Subject<string>();

  readonly userChanged$: Observable<string> = this.changes.asObservable();

  publish(userId: string): void {
    this.changes.next(userId);
  }
}
