import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.ts';
import { fixtureModel } from '../testing/model-fixtures.ts';
import { FIELD_OPERATORS, parseListQuery } from './query.ts';
import type { Condition, FilterNode, ListQuery } from './query.ts';

const model = fixtureModel({
  resources: [
    {
      id: 'people',
      fields: [
        { name: 'name', kind: 'text' },
        { name: 'age', kind: 'integer' },
        { name: 'score', kind: 'number' },
        { name: 'active', kind: 'boolean' },
        { name: 'tags', kind: 'json' },
        { name: 'page', kind: 'integer' },
      ],
    },
  ],
});
const people = model.resources['people']!;

const parse = (query: string): ListQuery => parseListQuery(people, new URLSearchParams(query));

/** The field errors of a rejected query, in English. */
function rejection(query: string): Record<string, string[]> {
  try {
    parse(query);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    const engineError = error as EngineError;
    expect(engineError.code).toBe('BAD_REQUEST');
    expect(engineError.toJSON('zh-CN').message).toBe('查询参数有误');
    return engineError.toJSON('en').errors ?? {};
  }
  throw new Error(`expected ${query} to be rejected`);
}

/** A condition without its field reference, for compact expectations. */
function plain(node: FilterNode | undefined): unknown {
  if (!node) return undefined;
  if ('filters' in node) return { operator: node.operator, filters: node.filters.map(plain) };
  const { field, ...rest } = node as Condition;
  return { field: field.name, ...rest };
}

describe('parseListQuery', () => {
  it('defaults to the first page of the resource page size, with no filters', () => {
    expect(parse('')).toEqual({ filters: [], sort: [], page: 1, pageSize: 20, org: null });
  });

  it('reads field=value as eq, coerced by the field kind', () => {
    const query = parse('name=王&age=42&score=3.5&active=true');
    expect(query.filters.map(plain)).toEqual([
      { field: 'name', operator: 'eq', value: '王' },
      { field: 'age', operator: 'eq', value: 42 },
      { field: 'score', operator: 'eq', value: 3.5 },
      { field: 'active', operator: 'eq', value: true },
    ]);
  });

  it('accepts every single-value comparison and text operator on a text field', () => {
    for (const operator of ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'ncontains', 'containss', 'ncontainss', 'startswith', 'nstartswith', 'startswiths', 'nstartswiths', 'endswith', 'nendswith', 'endswiths', 'nendswiths']) {
      expect(parse(`name[${operator}]=a`).filters.map(plain)).toEqual([{ field: 'name', operator, value: 'a' }]);
    }
  });

  it('splits in, nin, between and nbetween lists at commas, or takes repeated parameters whole', () => {
    expect(parse('age[in]=1,2,3').filters.map(plain)).toEqual([{ field: 'age', operator: 'in', values: [1, 2, 3] }]);
    expect(parse('age[nin]=4').filters.map(plain)).toEqual([{ field: 'age', operator: 'nin', values: [4] }]);
    expect(parse('name[in]=a,b&name[in]=c').filters.map(plain)).toEqual([{ field: 'name', operator: 'in', values: ['a,b', 'c'] }]);
    expect(parse('age[between]=10,20').filters.map(plain)).toEqual([{ field: 'age', operator: 'between', range: [10, 20] }]);
    expect(parse('score[nbetween]=-1.5&score[nbetween]=1e3').filters.map(plain)).toEqual([
      { field: 'score', operator: 'nbetween', range: [-1.5, 1000] },
    ]);
  });

  it('takes true or nothing for null and nnull', () => {
    expect(parse('age[null]=true&name[nnull]=').filters.map(plain)).toEqual([
      { field: 'age', operator: 'null' },
      { field: 'name', operator: 'nnull' },
    ]);
    expect(rejection('age[null]=false')).toEqual({ 'age[null]': ['the value of the operator null must be true'] });
  });

  it('filters and sorts on the sortable standard fields by their API names', () => {
    const query = parse('createdAt[gte]=2024-01-01&version=2&sort=-updatedAt,orgPath');
    expect(query.filters.map(plain)).toEqual([
      { field: 'createdAt', operator: 'gte', value: '2024-01-01' },
      { field: 'version', operator: 'eq', value: 2 },
    ]);
    expect(query.sort.map((term) => [term.field.column, term.order])).toEqual([
      ['updated_at', 'desc'],
      ['org_path', 'asc'],
    ]);
  });

  it('parses Refine CrudFilters from the filter parameter, nested or/and included', () => {
    const filters = [
      { field: 'name', operator: 'contains', value: '王' },
      {
        operator: 'or',
        value: [
          { field: 'age', operator: 'gte', value: '60' },
          { operator: 'and', value: [{ field: 'active', operator: 'eq', value: false }, { field: 'score', operator: 'between', value: [1, '2.5'] }] },
        ],
      },
      { field: 'age', operator: 'in', value: [1, 2] },
      { field: 'name', operator: 'null', value: true },
    ];
    const query = parse(`filter=${encodeURIComponent(JSON.stringify(filters))}`);
    expect(query.filters.map(plain)).toEqual([
      { field: 'name', operator: 'contains', value: '王' },
      {
        operator: 'or',
        filters: [
          { field: 'age', operator: 'gte', value: 60 },
          { operator: 'and', filters: [{ field: 'active', operator: 'eq', value: false }, { field: 'score', operator: 'between', range: [1, 2.5] }] },
        ],
      },
      { field: 'age', operator: 'in', values: [1, 2] },
      { field: 'name', operator: 'null' },
    ]);
  });

  it('combines URL and JSON filters', () => {
    const query = parse(`age=3&filter=${encodeURIComponent('[{"field":"name","operator":"eq","value":"x"}]')}`);
    expect(query.filters).toHaveLength(2);
  });

  it('reads sort, page, pageSize and org', () => {
    const query = parse('sort=name,-age&page=3&pageSize=50&org=320404');
    expect(query.sort.map((term) => [term.field.name, term.order])).toEqual([
      ['name', 'asc'],
      ['age', 'desc'],
    ]);
    expect(query).toMatchObject({ page: 3, pageSize: 50, org: '320404' });
  });

  it('filters a field named like a parameter with the bracket form', () => {
    expect(parse('page[eq]=2&page=4').filters.map(plain)).toEqual([{ field: 'page', operator: 'eq', value: 2 }]);
    expect(parse('page[eq]=2&page=4').page).toBe(4);
  });

  it('ignores locale, which the HTTP layer reads', () => {
    expect(parse('locale=en').filters).toEqual([]);
  });

  it('rejects unknown operators, naming the parameter', () => {
    expect(rejection('name[like]=a')['name[like]']?.[0]).toMatch(/^unknown filter operator "like"/);
    expect(rejection('name[]=a')['name[]']?.[0]).toMatch(/^unknown filter operator ""/);
  });

  it('rejects unknown fields and unknown parameters', () => {
    expect(rejection('nmae=a')).toEqual({ nmae: ['unknown query parameter "nmae"'] });
    expect(rejection('nmae[eq]=a')).toEqual({ 'nmae[eq]': ['the resource people has no filterable field "nmae"'] });
    expect(rejection('sort=nmae')).toEqual({ sort: ['the resource people has no filterable field "nmae"'] });
    expect(rejection('orgCode=x')).toEqual({ orgCode: ['unknown query parameter "orgCode"'] });
  });

  it('rejects JSON fields for filters and sorts', () => {
    expect(rejection('tags[eq]=a')).toEqual({ 'tags[eq]': ['the field "tags" is stored as JSON and cannot be filtered or sorted on'] });
    expect(Object.keys(rejection('sort=-tags'))).toEqual(['sort']);
  });

  it('rejects operators that do not suit the field kind', () => {
    expect(rejection('age[contains]=1')).toEqual({ 'age[contains]': ['the operator contains does not apply to the integer field "age"'] });
    expect(rejection('active[gt]=true')).toEqual({ 'active[gt]': ['the operator gt does not apply to the boolean field "active"'] });
    expect(Object.keys(rejection('name[ina]=a,b'))).toEqual(['name[ina]']);
    expect(Object.keys(rejection('name[nina]=a'))).toEqual(['name[nina]']);
  });

  it('rejects values that do not convert to the field kind', () => {
    expect(rejection('age=abc')).toEqual({ age: ['"abc" is not a valid integer'] });
    expect(rejection('age=1.5')).toEqual({ age: ['"1.5" is not a valid integer'] });
    expect(rejection('age=99999999999999999999')).toEqual({ age: ['"99999999999999999999" is not a valid integer'] });
    expect(rejection('score=1,5')).toEqual({ score: ['"1,5" is not a valid number'] });
    expect(rejection('score=Infinity')).toEqual({ score: ['"Infinity" is not a valid number'] });
    expect(rejection('active=yes')).toEqual({ active: ['"yes" is not a valid boolean'] });
    expect(rejection('age[in]=1,x')).toEqual({ 'age[in]': ['"x" is not a valid integer'] });
  });

  it('rejects lists of the wrong length and repeated single values', () => {
    expect(rejection('age[between]=1,2,3')).toEqual({ 'age[between]': ['the operator between needs exactly two values'] });
    expect(rejection('age=1&age=2')).toEqual({ age: ['the operator eq takes a single value'] });
    expect(rejection(`filter=${encodeURIComponent('[{"field":"age","operator":"in","value":[]}]')}`)).toEqual({
      filter: ['filter[0].value: the operator in needs at least one value'],
    });
  });

  it('rejects malformed or ill-shaped JSON filters, naming the place', () => {
    expect(rejection('filter={oops')).toEqual({ filter: ['is not valid JSON'] });
    expect(rejection('filter={}')).toEqual({ filter: ['filter: must be an array of filters'] });
    expect(rejection(`filter=${encodeURIComponent('[{"field":"age","operator":"like","value":1}]')}`)['filter']?.[0]).toMatch(
      /^filter\[0\]: unknown filter operator "like"/,
    );
    expect(rejection(`filter=${encodeURIComponent('[{"operator":"or","value":[{"field":"nope","operator":"eq","value":1}]}]')}`)).toEqual({
      filter: ['filter[0].value[0]: the resource people has no filterable field "nope"'],
    });
    expect(rejection(`filter=${encodeURIComponent('[{"field":"age","operator":"eq","value":"x"}]')}`)).toEqual({
      filter: ['filter[0].value: "x" is not a valid integer'],
    });
    expect(rejection(`filter=${encodeURIComponent('[1]')}`)).toEqual({ filter: ['filter[0]: must be an object { field, operator, value }'] });
  });

  it('limits nesting and the number of conditions', () => {
    let deep: unknown = [{ field: 'age', operator: 'eq', value: 1 }];
    for (let i = 0; i < 6; i++) deep = [{ operator: 'and', value: deep }];
    expect(rejection(`filter=${encodeURIComponent(JSON.stringify(deep))}`)['filter']?.[0]).toMatch(/nesting is limited to 5 levels/);
    const many = Array.from({ length: 51 }, () => ({ field: 'age', operator: 'eq', value: 1 }));
    expect(rejection(`filter=${encodeURIComponent(JSON.stringify(many))}`)).toEqual({ filter: ['at most 50 filter conditions are allowed'] });
  });

  it('rejects bad pages, page sizes, repeated parameters and an empty org', () => {
    expect(rejection('page=0')).toEqual({ page: ['"0" is not a positive integer'] });
    expect(rejection('page=-1&pageSize=x')).toEqual({ page: ['"-1" is not a positive integer'], pageSize: ['"x" is not a positive integer'] });
    expect(rejection('pageSize=201')).toEqual({ pageSize: ['must be at most 200'] });
    expect(rejection('sort=age&sort=name')).toEqual({ sort: ['the parameter sort may appear only once'] });
    expect(rejection('sort=age,,name')).toEqual({ sort: ['a sort key is empty'] });
    expect(rejection('sort=age,-age')).toEqual({ sort: ['the sort key "age" is repeated'] });
    expect(rejection('org=')).toEqual({ org: ['the org unit code must not be empty'] });
  });

  it('reports every problem at once, in both languages', () => {
    try {
      parse('age=x&nmae=1&page=0');
      throw new Error('not rejected');
    } catch (error) {
      const engineError = error as EngineError;
      expect(Object.keys(engineError.fieldErrors ?? {})).toEqual(['age', 'nmae', 'page']);
      expect(engineError.toJSON('zh-CN').errors?.['age']).toEqual(['“x”不是有效的整数']);
    }
  });

  it('knows every Refine field operator', () => {
    expect(FIELD_OPERATORS).toHaveLength(26);
  });
});
