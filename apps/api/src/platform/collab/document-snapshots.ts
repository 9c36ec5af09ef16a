import { Logger } from '@nestjs/common';
import * as Y from 'yjs';
import { toPlainText, updateToJson } from '@minga/editor';
import type { AppConfig } from '../config/app-config';
import type { CollabPersistence } from './collab-persistence.service';
import { SERVER_ORIGIN, type DocumentUpdates } from './document-updates';
import type { DocumentVersions } from './document-versions.service';
import type { LiveDocument } from './live-document';

/**
 * The stored plain text (for search) is refreshed at most this often while a document is open, and always when it
 * unloads: extracting it converts the whole document, which is the one part of compaction that grows with its size.
 */
const PLAIN_TEXT_REFRESH_MS = 60_000;
/** Instances unloading a document together (its last people left) take one final automatic version. */
const UNLOAD_VERSION_OVERLAP_MS = 5000;

/**
 * Whole-document states of open documents: compaction (the log folded into a new snapshot, so loading stays fast)
 * and automatic versions (earlier states people can read and restore). Both run after commits and at unload.
 */
export class DocumentSnapshots {
  private readonly logger = new Logger('Collab');

  constructor(
    private readonly persistence: CollabPersistence,
    private readonly versions: DocumentVersions,
    private readonly config: AppConfig,
    private readonly updates: DocumentUpdates,
  ) {}

  /** After a commit of the document: compacts and takes a version when each is due. */
  afterCommit(live: LiveDocument): void {
    if (this.dueForCompaction(live)) void this.compact(live, false);
    if (Date.now() - live.lastVersionAt >= this.config.COLLAB_AUTO_VERSION_MINUTES * 60_000) void this.autoVersion(live);
  }

  /**
   * Automatic snapshots while a document is being edited, so earlier states can be read and restored. Instances
   * holding the same document skip a period another one already covered; at unload only a version taken at the same
   * moment counts, so the last holder keeps the final state.
   */
  async autoVersion(live: LiveDocument, atUnload = false): Promise<void> {
    if (!live.changedSinceVersion) return;
    live.changedSinceVersion = false;
    live.lastVersionAt = Date.now();
    const withinMs = atUnload ? UNLOAD_VERSION_OVERLAP_MS : this.config.COLLAB_AUTO_VERSION_MINUTES * 60_000 * 0.9;
    await this.versions
      .saveAutomatic(live.name, Y.encodeStateAsUpdate(live.doc), withinMs)
      .catch((err: unknown) => this.logger.error(`Automatic version of ${live.name} failed: ${String(err)}`));
  }

  /**
   * Writes the open document as the new snapshot and deletes the log rows it is known to contain. The snapshot is
   * encoded from the live Y.Doc at one instant, together with the list of rows it covers, so no row it lacks is
   * ever deleted; a newer snapshot from another process is merged into the live document first.
   */
  compact(live: LiveDocument, refreshText: boolean): Promise<void> {
    if (live.compacting) return live.compacting;
    live.lastCompactionAt = Date.now();
    let covered = 0;
    let textAt: number | null = null;
    live.compacting = this.persistence
      .compact(live.name, live.snapshotRevision, (newerSnapshot) => {
        if (newerSnapshot) {
          this.updates.capturedChange(live, () => {
            Y.applyUpdate(live.doc, newerSnapshot, SERVER_ORIGIN);
            return [];
          });
        }
        const snapshot = Y.encodeStateAsUpdate(live.doc);
        covered = live.storedRowIds.length;
        const withText = refreshText || Date.now() - live.textExtractedAt >= PLAIN_TEXT_REFRESH_MS;
        if (withText) textAt = Date.now();
        return { snapshot, plainText: withText ? toPlainText(updateToJson(snapshot)) : null, rowIds: live.storedRowIds.slice(0, covered) };
      })
      .then((revision) => {
        if (revision === null) return;
        live.snapshotRevision = revision;
        // Rows committed while compacting were appended after the covered ones and stay for the next compaction.
        live.storedRowIds.splice(0, covered);
        if (textAt !== null) live.textExtractedAt = textAt;
      })
      .catch((err: unknown) => this.logger.error(`Compacting ${live.name} failed: ${String(err)}`))
      .finally(() => {
        live.compacting = null;
      });
    return live.compacting;
  }

  /**
   * Compaction encodes the whole document, so its cost grows with the document, not with the rows: past the row
   * threshold it runs at most once per interval, or a flood of edits would have it run many times a second.
   */
  private dueForCompaction(live: LiveDocument): boolean {
    return (
      live.storedRowIds.length >= this.config.COLLAB_COMPACT_AFTER_ROWS &&
      Date.now() - live.lastCompactionAt >= this.config.COLLAB_COMPACT_MIN_INTERVAL_SECONDS * 1000
    );
  }
}
