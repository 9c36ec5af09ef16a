// One way to receive socket events: sockets whose `data` is typed, a table of events each with its payload schema and
// its handler, and one answer path (the acknowledgement, else the namespace's error event) for results and refusals.
import type { Logger } from '@nestjs/common';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { unstorableText, type ErrorCode } from '@minga/contracts';
import type { FieldError } from '../common/problem';
import { isDatabaseUnavailable } from '../database/database-outage';
import type { AuthPrincipal } from '../access/principal';
import { SocketProblem } from './socket-problem';

/** What every authenticated socket of every namespace carries in `socket.data`. */
export interface RealtimeSocketData {
  principal: AuthPrincipal;
  /** The session (sign-in) the connection's token belongs to; null for tokens issued before sessions were named. */
  sessionId: string | null;
  /** When the connection's rights end unless a `reauth` renews them (ms since the epoch). */
  expiresAt: number;
}

/** A socket of a namespace whose `data` holds the realtime layer's fields and the namespace's own. */
export type TypedSocket<Data extends RealtimeSocketData = RealtimeSocketData> = Socket<
  DefaultEventsMap,
  DefaultEventsMap,
  DefaultEventsMap,
  Data
>;
export type TypedNamespace<Data extends RealtimeSocketData = RealtimeSocketData> = Namespace<
  DefaultEventsMap,
  DefaultEventsMap,
  DefaultEventsMap,
  Data
>;

/** What a handler answers when it succeeds; refusals are thrown as SocketProblem. */
export type EventAnswer = { ok: true } & Record<string, unknown>;

interface SocketError {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

interface EventSpec<Input> {
  schema: z.ZodType<Input>;
  // A method, not a property: a table holds handlers of different inputs.
  handle(input: Input): Promise<EventAnswer>;
}

/** One row of an event table, with the handler's input inferred from the schema. */
export function event<S extends z.ZodType>(schema: S, handle: (input: z.output<S>) => Promise<EventAnswer>): EventSpec<z.output<S>> {
  // A zod schema's output is its z.output: the cast only names that for the compiler.
  return { schema: schema as z.ZodType<z.output<S>>, handle };
}

interface EventTableOptions {
  /** The namespace's error event, for refusals of events sent without an acknowledgement. */
  errorEvent: string;
  logger: Logger;
  /** What a refusal names of the payload it answers (e.g. the room's occurrenceId), so a client knows which view it concerns. */
  contextOf?: (payload: unknown) => Record<string, unknown>;
}

/**
 * Registers every event of `table` on the socket. Each payload is validated by its schema (field errors come back as
 * `validation_failed`, as over HTTP, and so does text PostgreSQL cannot store); a SocketProblem thrown by the handler
 * is answered with its code, a database outage with `unavailable`, anything else with `internal_error` (and logged).
 * Budgets and strikes are RealtimeConnections', which sees every packet before it gets here.
 */
export function registerEvents(socket: Socket, table: Record<string, EventSpec<unknown>>, options: EventTableOptions): void {
  for (const [name, spec] of Object.entries(table)) {
    socket.on(name, (...args: unknown[]) => {
      const { payload, ack } = withAck(args);
      const context = options.contextOf?.(payload) ?? {};
      const reply = (answer: EventAnswer | { ok: false; error: SocketError }) => {
        if (ack) ack(answer);
        else if (!answer.ok) socket.emit(options.errorEvent, answer.error);
      };
      const fail = (code: ErrorCode, message: string, errors?: FieldError[]) =>
        reply({ ok: false, error: { code, message, ...context, ...(errors?.length ? { errors } : {}) } });

      const parsed = spec.schema.safeParse(payload);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        return fail('validation_failed', 'The event does not match its schema', errors);
      }
      const unstorable = unstorableText(parsed.data);
      if (unstorable.length) return fail('validation_failed', 'The event has text that cannot be stored', unstorable);
      spec.handle(parsed.data).then(reply, (err: unknown) => {
        if (err instanceof SocketProblem) return fail(err.code, err.message, err.errors);
        if (isDatabaseUnavailable(err)) return fail('unavailable', 'The server cannot reach its database; try again shortly');
        options.logger.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        fail('internal_error', 'The server could not do that');
      });
    });
  }
}

/**
 * An event's arguments split into its payload (the first) and its acknowledgement callback, which socket.io always
 * passes last: a client that sends extra arguments still gets its answer.
 */
export function withAck(args: unknown[]): { payload: unknown; ack: ((answer: unknown) => void) | null } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : null;
  return { payload: ack && args.length === 1 ? undefined : args[0], ack };
}
