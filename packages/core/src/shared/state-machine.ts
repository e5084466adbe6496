import { fail, ok, type RuleResult } from './result';

export type Transitions<S extends string> = { readonly [K in S]: readonly S[] };

export interface StateMachine<S extends string> {
  readonly name: string;
  readonly transitions: Transitions<S>;
  /** The states reachable in one move from `from`. */
  next(from: S): readonly S[];
  canMove(from: S, to: S): boolean;
  /** Checks one move; a refusal is `<name>.illegal_transition` with the allowed next states. */
  move(from: S, to: S): RuleResult<S>;
  isFinal(state: S): boolean;
}

/** A state machine described as data: each state and the states it may move to. */
export function defineStateMachine<S extends string>(
  name: string,
  transitions: Transitions<S>,
): StateMachine<S> {
  const next = (from: S): readonly S[] => transitions[from] ?? [];
  return {
    name,
    transitions,
    next,
    canMove: (from, to) => next(from).includes(to),
    isFinal: (state) => next(state).length === 0,
    move(from, to) {
      if (next(from).includes(to)) return ok(to);
      const allowed = next(from);
      const list = allowed.length > 0 ? allowed.join(', ') : '—';
      return fail(
        `${name}.illegal_transition`,
        {
          en: `Cannot move from "${from}" to "${to}". Allowed next: ${list}.`,
          zh: `无法从“${from}”变更为“${to}”。允许的下一状态：${list}。`,
          fr: `Impossible de passer de « ${from} » à « ${to} ». États suivants possibles : ${list}.`,
        },
        { from, to, allowed },
      );
    },
  };
}
