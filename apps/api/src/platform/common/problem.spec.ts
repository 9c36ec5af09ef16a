import { ERRORS } from '@minga/contracts';
import { Problem } from './problem';

describe('Problem', () => {
  it('takes its status from the catalogue and fills the detail with its parameters', () => {
    const problem = new Problem('kpi_limit_reached', { max: 50 });
    expect(problem.getStatus()).toBe(409);
    expect(problem.message).toBe('A plan holds at most 50 KPIs');
    expect(problem.params).toEqual({ max: 50 });
  });

  it('uses the catalogue’s detail unless a more specific one is given', () => {
    expect(new Problem('meeting_over').message).toBe(ERRORS.meeting_over.detail);
    expect(new Problem('not_found', 'No such draft').message).toBe('No such draft');
  });

  it('requires the parameters a code names, and only HTTP codes', () => {
    // @ts-expect-error kpi_limit_reached names {{max}}
    expect(new Problem('kpi_limit_reached').message).toContain('{{max}}');
    // @ts-expect-error host_only is sent on sockets only: it has no HTTP status
    expect(() => new Problem('host_only')).not.toThrow();
  });
});
