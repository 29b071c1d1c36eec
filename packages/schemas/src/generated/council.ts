/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/council.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';
import type { WorkflowTimeLimit } from './workflow.ts';

/**
 * An identifier in kebab-case.
 */
export type CouncilId = string;
/**
 * A fraction p/q of positive integers, at most 1, e.g. "2/3" or "1/2". Computed exactly (no floating point): count/base compared with p/q by cross-multiplying.
 */
export type Ratio = string;

/**
 * Council bodies and procedures (议事协商, councils/*.yaml, one set per file): the bodies that deliberate or supervise (居民代表会议, 居务监督委员会, 议事会 …) with the rules their membership must keep, and the procedures by which a proposal (议案) is put, decided at a meeting (quorum and pass rule computed from attendance and votes), published (公示) and carried out. Each procedure runs as a case workflow (council-<procedure id>) whose states are its stages. A file whose id names a council set of a parent package replaces the keys it gives (bodies and procedures as a whole).
 */
export interface CouncilConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  id: CouncilId;
  /**
   * Name of the set, e.g. 法定议事规则. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * Where the rules come from.
   */
  description?: Text;
  /**
   * The bodies (议事机构) of the set; ids are unique across every set of the package.
   */
  bodies?: CouncilBody[];
  /**
   * The procedures (议事规则) of the set; ids are unique across every set of the package.
   */
  procedures?: CouncilProcedure[];
}
/**
 * A kind of body (议事机构): one of it may be constituted at every org unit of its level, each with its own roster of members.
 */
export interface CouncilBody {
  id: CouncilId;
  /**
   * Name of the body, e.g. 居务监督委员会.
   */
  title: Text;
  /**
   * What the body does and whom it reports to.
   */
  description?: Text;
  /**
   * Id of the jurisdiction level whose units have such a body, e.g. community.
   */
  level: string;
  /**
   * How many members the body has (成员人数).
   */
  size: {
    /**
     * Fewest members, e.g. 3; 0 for an assembly of all adult residents or households (居民会议), which keeps no roster and whose meetings record counts.
     */
    min: number;
    /**
     * Most members, e.g. 5; no upper bound when absent.
     */
    max?: number;
  };
  /**
   * The positions in the body (主任, 委员, 代表 …); every member holds exactly one.
   *
   * @minItems 1
   */
  roles: [
    {
      id: CouncilId;
      /**
       * Name of the position, e.g. 主任.
       */
      title: Text;
      /**
       * Fewest holders, e.g. 1 for 主任1名.
       */
      min?: number;
      /**
       * Most holders, e.g. 1 for 主任1名; no bound when absent.
       */
      max?: number;
    },
    ...{
      id: CouncilId;
      /**
       * Name of the position, e.g. 主任.
       */
      title: Text;
      /**
       * Fewest holders, e.g. 1 for 主任1名.
       */
      min?: number;
      /**
       * Most holders, e.g. 1 for 主任1名; no bound when absent.
       */
      max?: number;
    }[]
  ];
  /**
   * Further rules of composition, e.g. 应当有妇女成员 (at least one woman).
   */
  requirements?: {
    id: CouncilId;
    /**
     * The rule as its source says it, e.g. 应当有妇女成员; shown when a roster breaks it.
     */
    title: Text;
    /**
     * The member attribute: gender (female or male) or partyMember (true or false).
     */
    attribute: 'gender' | 'partyMember';
    /**
     * The value counted, e.g. female.
     */
    value: string | boolean;
    /**
     * How many members must have it, e.g. 1 for 应当有妇女成员.
     */
    min?: number;
    share?: Ratio;
  }[];
  /**
   * 规则类型由插件提供的组成规则（如高县小区党支部与业委会交叉任职）：除 id、kind、title 外的键是该类型的选项。Composition rules of kinds plugins add (e.g. Gaoxian's cross-appointment of the Party branch and the owners' committee): keys other than id, kind and title are the kind's options, checked against its schema.
   */
  rules?: {
    id: CouncilId;
    /**
     * The rule kind, as a plugin of the package registers it.
     */
    kind: string;
    /**
     * The rule as its source says it; the kind's title when absent.
     */
    title?: Text;
  }[];
  /**
   * How members are chosen (产生方式).
   */
  selection?: {
    /**
     * elected: elected by the body named in by (or by the residents); appointed: appointed; per-building: chosen per building or compound (按小区或楼宇推选) — every member names the building they represent; ex-officio: members by their office.
     */
    method: 'elected' | 'appointed' | 'per-building' | 'ex-officio';
    /**
     * With elected: id of the body that elects the members, e.g. residents-representative-meeting.
     */
    by?: string;
  };
  /**
   * Term of office (任期): a roster records when its term began, and its end follows.
   */
  term?: {
    /**
     * Length of the term in years, e.g. 5 (equal to the residents' committee's).
     */
    years: number;
  };
  /**
   * Who may be a member, in words, e.g. 本社区有选举权的居民，居委会成员及其近亲属不得担任.
   */
  eligibility?: Text;
}
/**
 * A procedure (议事规则) by which a body decides proposals.
 */
export interface CouncilProcedure {
  id: CouncilId;
  /**
   * Name of the procedure, e.g. 居民代表会议议事程序.
   */
  title: Text;
  /**
   * Where the procedure comes from.
   */
  description?: Text;
  /**
   * Id of the body that decides.
   */
  body: string;
  /**
   * Id of the body that supervises the whole procedure (全程监督), e.g. supervisory-committee; holders of supervisionRoles may record their observations at every stage.
   */
  supervisor?: string;
  /**
   * Ids of the roles whose holders record the supervisor's observations (监督意见).
   */
  supervisionRoles?: string[];
  /**
   * Who may put a proposal: either rule suffices.
   */
  proposers?: {
    share?: Ratio;
    /**
     * Ids of the roles whose holders may put a proposal on their own, e.g. the community committee's staff.
     */
    roles?: string[];
  };
  quorum: CouncilQuorum;
  pass: CouncilPass;
  /**
   * Whether members with an interest in a proposal withdraw (回避): they count as present for the quorum but neither vote nor count in the pass base.
   */
  recusal?: boolean;
  /**
   * Days a resolution is published (公示) on the public endpoint before it is carried out.
   */
  publicationDays: number;
  /**
   * The stages in order.
   *
   * @minItems 4
   */
  stages: [CouncilStage, CouncilStage, CouncilStage, CouncilStage, ...CouncilStage[]];
}
/**
 * When a meeting may decide (法定人数).
 */
export interface CouncilQuorum {
  /**
   * Counted against: members — the body's roster, attendance recorded per member; adult-residents or households — a residents' meeting of all adult residents or of one representative per household, the meeting recording how many are eligible and how many came.
   */
  base: 'members' | 'adult-residents' | 'households';
  ratio: Ratio;
  /**
   * true: more than the share (过半数 = more than 1/2); false: at least the share (三分之二以上 = at least 2/3).
   */
  strict?: boolean;
}
/**
 * When a proposal is adopted (表决规则).
 */
export interface CouncilPass {
  /**
   * Votes in favour counted against: present — those present (less members who withdrew); members — every member of the body (less members who withdrew).
   */
  base: 'present' | 'members';
  ratio: Ratio;
  /**
   * true: more than the share (过半数); false: at least the share.
   */
  strict?: boolean;
}
/**
 * A stage of the procedure; it becomes a state of the procedure's workflow.
 */
export interface CouncilStage {
  id: CouncilId;
  /**
   * proposal: the proposal is put (提出议案); consultation: discussed before the vote, e.g. the 1+2+N parties or the Party organisation (协商, optional, any number); deliberation: the meeting decides (民主议定) — recording its votes moves the proposal on; publication: the resolution is public for publicationDays (公布告知), then moves on by itself; implementation: it is carried out (组织实施). proposal, deliberation, publication and implementation appear once each, in this order, consultations between proposal and deliberation.
   */
  kind: 'proposal' | 'consultation' | 'deliberation' | 'publication' | 'implementation';
  /**
   * Name of the stage, e.g. 民主议定.
   */
  title: Text;
  /**
   * What happens in the stage.
   */
  description?: Text;
  /**
   * Ids of the roles whose holders act in the stage: move the proposal on from it (proposal, consultation, implementation) or record the meeting (deliberation). Not on publication.
   */
  roles?: string[];
  /**
   * How long a proposal may stay in the stage before it is escalated to the parent org unit. Not on publication (its period is publicationDays).
   */
  timeLimit?: WorkflowTimeLimit;
}
