/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/points.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';

/**
 * A code, e.g. "WM-01".
 */
export type PointsCode = string;
/**
 * Ids of roles, e.g. [community-worker].
 *
 * @minItems 1
 */
export type PointsRoles = [string, ...string[]];

/**
 * A points scheme (积分方案, points/*.yaml, one per file), such as a community's 《社区积分兑换实施方案》 adopted by its residents' representative meeting: whose accounts hold the points (households 家庭户 or residents), the rules that award points (正面行为清单) or deduct them (负面行为清单) with their caps and review, the redemption catalogue (兑换铺), expiry, the time bank (时间银行) and the periodic publication of building (楼栋) totals. Every award, deduction, redemption, expiry and transfer is a balanced posting in an append-only double-entry ledger. A file whose id names a scheme of a parent package replaces the keys it gives (rules and items as a whole).
 */
export interface PointsSchemeConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier of the scheme in kebab-case, e.g. "renren". Names it in the API (/api/points/<id>).
   */
  id: string;
  /**
   * Name of the scheme, e.g. 人人社区积分兑换. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * What the scheme is for and where its rules come from.
   */
  description?: Text;
  adoption?: PointsAdoption;
  holder?: PointsHolder;
  /**
   * What one point is called, e.g. 积分. Default 积分 / points.
   */
  unit?: Text;
  /**
   * Whether a deduction (负面行为) may take an account below zero. Redemptions, spending and donations never may.
   */
  allowNegative?: boolean;
  /**
   * The categories rules belong to, e.g. 文明守约、履职自治、社团活动、志愿服务. Required once the package layers are merged.
   *
   * @minItems 1
   */
  categories?: [PointsCategory, ...PointsCategory[]];
  /**
   * The behaviours that earn or cost points: the positive list (正面行为清单) and the negative list (负面行为清单). Required once the package layers are merged.
   *
   * @minItems 1
   */
  rules?: [PointsRule, ...PointsRule[]];
  redemption?: PointsRedemption;
  expiry?: PointsExpiry;
  timeBank?: PointsTimeBank;
  publication?: PointsPublication;
}
/**
 * The decision that adopted the scheme.
 */
export interface PointsAdoption {
  /**
   * The body that adopted it, e.g. 社区居民代表大会.
   */
  body?: Text;
  /**
   * The day it was adopted.
   */
  date?: string;
  /**
   * A reference to the resolution (决议) that adopted it: a council resolution's id or document number, kept as given.
   */
  resolution?: string;
}
/**
 * The resource whose records hold accounts.
 */
export interface PointsHolder {
  /**
   * Id of the resource whose records hold the accounts, e.g. households (家庭户) or residents.
   */
  resource: string;
  /**
   * Name of the holder's field naming its building (a uuid field, e.g. buildingId), by which building totals are published.
   */
  buildingField?: string;
}
/**
 * A category of rules.
 */
export interface PointsCategory {
  id: PointsCode;
  /**
   * Name of the category, e.g. 文明守约.
   */
  title: Text;
  /**
   * What the category covers.
   */
  description?: Text;
}
/**
 * A behaviour that earns points (points > 0) or costs them (points < 0).
 */
export interface PointsRule {
  code: PointsCode;
  /**
   * Id of the category it belongs to.
   */
  category: string;
  /**
   * The behaviour, e.g. 参加志愿服务活动.
   */
  title: Text;
  /**
   * What counts, and the evidence asked for.
   */
  description?: Text;
  /**
   * Points per unit, not zero: positive for the positive list (正面行为清单), negative for the negative list (负面行为清单).
   */
  points: number;
  /**
   * What a quantity counts: events (per event) or hours (per hour, whole hours).
   */
  unit?: 'event' | 'hour';
  /**
   * Most units one posting may name (e.g. 8 hours in one day).
   */
  maxQuantity?: number;
  /**
   * Caps per period, each enforced in the same transaction as the posting.
   */
  caps?: PointsCap[];
  roles?: PointsRoles;
  claim?: PointsClaim;
  auto?: PointsAuto;
  /**
   * 计分方式：由插件注册的规则类型，按 options 由数量算出分值（如按时长分段计分）；不填则为每单位 points 分。How the points of a posting are counted: a rule kind a plugin registers, computing them from the quantity with the options (e.g. hours in tiers); points per unit when absent.
   */
  kind?: string;
  /**
   * The options of the rule's kind, checked against the kind's schema.
   */
  options?: {};
  /**
   * Whether the numbers are illustrative (not from the source the scheme is taken from).
   */
  illustrative?: boolean;
}
/**
 * A cap on the points a rule moves for one account in one period.
 */
export interface PointsCap {
  /**
   * The calendar period (China time) the cap is counted over.
   */
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
  /**
   * Most points the rule moves for one account in one period (awarded or deducted, as a positive number).
   */
  max: number;
}
/**
 * Claims of a positive rule (申报): someone claims it for an account; a reviewer approves (the points are posted) or rejects it.
 */
export interface PointsClaim {
  roles: PointsRoles;
  reviewers: PointsRoles;
}
/**
 * An automatic award when a case of a workflow takes a transition, e.g. a case reported by a resident that is closed: the engine posts the rule once per case to the account of the holder the case's record names.
 */
export interface PointsAuto {
  /**
   * Id of the workflow.
   */
  workflow: string;
  /**
   * Ids of its transitions that trigger the award, e.g. [evaluate, close-unrated] (the loop closed, rated or not).
   *
   * @minItems 1
   */
  transitions: [string, ...string[]];
  /**
   * Name of the field of the case's record that holds the id of the account holder (e.g. reporterHouseholdId); no award when it is empty.
   */
  holderField: string;
}
/**
 * The redemption shop.
 */
export interface PointsRedemption {
  /**
   * Name of the shop, e.g. 人人兑换铺.
   */
  title?: Text;
  roles: PointsRoles;
  /**
   * The catalogue.
   *
   * @minItems 1
   */
  items: [PointsItem, ...PointsItem[]];
}
/**
 * An item of the redemption catalogue.
 */
export interface PointsItem {
  code: PointsCode;
  /**
   * The item, e.g. 洗衣液一瓶.
   */
  title: Text;
  /**
   * What the item is, and where it is collected.
   */
  description?: Text;
  /**
   * Points one item costs.
   */
  cost: number;
  /**
   * Items in stock when the scheme is first installed; unlimited (a service, say) when absent. Restocking is an operation of the shop.
   */
  stock?: number;
  limit?: PointsLimit;
  /**
   * Whether the numbers are illustrative (not from the source).
   */
  illustrative?: boolean;
}
/**
 * A limit per account and period.
 */
export interface PointsLimit {
  /**
   * The calendar period (China time).
   */
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
  /**
   * Most items one account may redeem in one period.
   */
  max: number;
}
/**
 * Points lapse a number of months after they were earned, oldest first: what was spent or deducted since counts against the oldest points.
 */
export interface PointsExpiry {
  /**
   * Months after which earned points lapse, e.g. 24.
   */
  months: number;
}
/**
 * The time bank: volunteers earn time coins by serving the elderly; coins are spent on service for oneself or one's family, or donated to another account.
 */
export interface PointsTimeBank {
  /**
   * Name of the bank, e.g. 时间银行.
   */
  title?: Text;
  /**
   * What a coin is called. Default 时间币 / time coins.
   */
  coin?: Text;
  /**
   * Coins earned per hour of service.
   */
  coinsPerHour?: number;
  /**
   * Most hours one entry may record.
   */
  maxHours?: number;
  roles: PointsRoles;
  /**
   * The kinds of service that earn coins.
   *
   * @minItems 1
   */
  services: [PointsService, ...PointsService[]];
}
/**
 * A kind of service.
 */
export interface PointsService {
  code: PointsCode;
  /**
   * The service, e.g. 陪伴聊天.
   */
  title: Text;
}
/**
 * Building totals published per period.
 */
export interface PointsPublication {
  /**
   * The period totals are computed and published for.
   */
  period: 'week' | 'month' | 'quarter' | 'year';
  /**
   * How many buildings the leaderboard shows.
   */
  top?: number;
}
