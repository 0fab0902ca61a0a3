/**
 * given(events).when(command).then(events | rejection) for deciders, after
 * Emmett's DeciderSpecification: the decider is the only thing under test, time
 * and ids arrive as data on the command.
 */
export interface Decider<State, Command, Event, Rejection> {
  readonly initialState: State
  readonly decide: (state: State, command: Command) => ReadonlyArray<Event> | Rejection
  readonly evolve: (state: State, event: Event) => State
  readonly isRejection: (outcome: ReadonlyArray<Event> | Rejection) => outcome is Rejection
}

export interface Then<Event, Rejection> {
  readonly then: (expected: ReadonlyArray<Event>) => void
  readonly thenRejects: (check: (rejection: Rejection) => void) => void
  readonly thenEvents: (check: (events: ReadonlyArray<Event>) => void) => void
}

export const specification = <State, Command, Event, Rejection>(
  decider: Decider<State, Command, Event, Rejection>,
  assertDeepEqual: (actual: unknown, expected: unknown) => void
) => ({
  given: (history: ReadonlyArray<Event>) => ({
    when: (command: Command): Then<Event, Rejection> => {
      const state = history.reduce(decider.evolve, decider.initialState)
      const outcome = decider.decide(state, command)
      const events = (): ReadonlyArray<Event> => {
        if (decider.isRejection(outcome)) {
          throw new Error(`expected events, got rejection ${JSON.stringify(outcome)}`)
        }
        return outcome
      }
      return {
        then: (expected) => assertDeepEqual(events(), expected),
        thenEvents: (check) => check(events()),
        thenRejects: (check) => {
          if (!decider.isRejection(outcome)) {
            throw new Error(`expected a rejection, got events ${JSON.stringify(outcome)}`)
          }
          check(outcome)
        }
      }
    }
  })
})
