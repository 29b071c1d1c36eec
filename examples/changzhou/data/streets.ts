/**
 * The 61 streets, towns and functional zones of 常州市 with their statistical division codes
 * (统计用区划代码, 2022 edition): 58 streets and towns, plus three zones that administer
 * communities of their own, to make the article's 61 镇(街道). At city scale the generator adds
 * those the org tree does not have.
 */
export interface StreetEntry {
  readonly code: string;
  readonly name: string;
  /** subdistrict (街道), town (镇) or zone (functional zone with communities). */
  readonly kind: 'subdistrict' | 'town' | 'zone';
}

// prettier-ignore
const entries: readonly (readonly [code: string, name: string])[] = [
  ['320402001', '雕庄街道'], ['320402002', '青龙街道'], ['320402003', '茶山街道'], ['320402004', '红梅街道'],
  ['320402005', '天宁街道'], ['320402006', '兰陵街道'], ['320402109', '郑陆镇'],
  ['320404001', '五星街道'], ['320404002', '永红街道'], ['320404003', '北港街道'], ['320404004', '西林街道'],
  ['320404005', '南大街街道'], ['320404006', '荷花池街道'], ['320404007', '新闸街道'], ['320404116', '邹区镇'],
  ['320411002', '三井街道'], ['320411003', '龙虎塘街道'], ['320411004', '春江街道'], ['320411005', '魏村街道'],
  ['320411006', '新桥街道'], ['320411101', '孟河镇'], ['320411103', '薛家镇'], ['320411104', '罗溪镇'],
  ['320411105', '西夏墅镇'], ['320411122', '奔牛镇'],
  ['320412001', '戚墅堰街道'], ['320412002', '丁堰街道'], ['320412003', '潞城街道'], ['320412100', '湖塘镇'],
  ['320412102', '牛塘镇'], ['320412103', '洛阳镇'], ['320412104', '遥观镇'], ['320412105', '横林镇'],
  ['320412106', '横山桥镇'], ['320412110', '雪堰镇'], ['320412113', '前黄镇'], ['320412114', '礼嘉镇'],
  ['320412119', '嘉泽镇'], ['320412120', '湟里镇'], ['320412411', '高新区'], ['320412412', '西太湖生态休闲区'],
  ['320413001', '西城街道'], ['320413100', '金城镇'], ['320413104', '儒林镇'], ['320413106', '直溪镇'],
  ['320413108', '朱林镇'], ['320413109', '薛埠镇'], ['320413112', '指前镇'], ['320413400', '经济开发区'],
  ['320481001', '昆仑街道'], ['320481002', '溧城街道'], ['320481003', '古县街道'], ['320481101', '埭头镇'],
  ['320481102', '上黄镇'], ['320481103', '戴埠镇'], ['320481106', '天目湖镇'], ['320481107', '别桥镇'],
  ['320481109', '上兴镇'], ['320481111', '竹箦镇'], ['320481114', '南渡镇'], ['320481116', '社渚镇'],
];

/** The division code's 7th digit tells the kind: 0 街道, 1 镇, 4 and 5 functional zones. */
function kindOf(code: string): StreetEntry['kind'] {
  const digit = code[6];
  return digit === '0' ? 'subdistrict' : digit === '1' ? 'town' : 'zone';
}

export const CHANGZHOU_STREETS: readonly StreetEntry[] = entries.map(([code, name]) => ({ code, name, kind: kindOf(code) }));
