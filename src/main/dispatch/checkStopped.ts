/** A check given up halfway (`stopped` said so): it decided nothing. */
export class CheckStopped extends Error {
  override name = 'CheckStopped'
  constructor() {
    super('The audience check stopped before it finished')
  }
}
