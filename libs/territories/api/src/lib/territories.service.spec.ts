import { idsOfPath } from './territories.service';

describe('materialized paths', () => {
  it('lists the ids from the root down to the node', () => {
    expect(idsOfPath('/a/b/c/')).toEqual(['a', 'b', 'c']);
    expect(idsOfPath('/root/')).toEqual(['root']);
  });
});
