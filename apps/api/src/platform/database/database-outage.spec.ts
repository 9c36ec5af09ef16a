import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-outage';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a connection closed by the server', new Error('Connection terminated')],
    ['a connect that timed out in the pool', new Error('timeout exceeded when trying to connect')],
    ['a client broken by an earlier connection error', new Error('Client has encountered a connection error and is not queryable')],
    ['SQLSTATE 08006 (connection failure)', withCode('08006')],
    ['SQLSTATE 08001 (cannot establish a connection)', withCode('08001')],
    ['SQLSTATE 57P01 (administrator shutdown)', withCode('57P01', 'terminating connection due to administrator command')],
    ['SQLSTATE 57P02 (crash shutdown)', withCode('57P02')],
    ['SQLSTATE 57P03 (the server is starting up)', withCode('57P03', 'the database system is starting up')],
    ['SQLSTATE 53300 (too many connections)', withCode('53300', 'sorry, too many clients already')],
    ['a lost connection wrapped by TypeORM', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    ['a refused connection given as a cause', new Error('could not load', { cause: withCode('ECONNREFUSED') })],
    ['a refused connection on every address tried', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('recognises %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('23505', 'duplicate key value'))],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['an invalid text value', withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('stops on an error that is its own cause', () => {
    const err = new Error('loop') as Error & { cause?: unknown };
    err.cause = err;
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
