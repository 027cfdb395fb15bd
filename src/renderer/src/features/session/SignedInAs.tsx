import { useSessionStore } from '../../stores/sessionStore'

/**
 * Who is signed in, at the foot of the navigation: name and role, and in the browser UI a way
 * to sign out (the desktop window is the local admin's own and has no sign-out).
 */
export function SignedInAs() {
  const me = useSessionStore((s) => s.me)
  const signOut = useSessionStore((s) => s.signOut)
  const canSignOut = useSessionStore((s) => s.canSignOut)
  if (!me) return null
  return (
    <section className="signed-in" aria-label="Signed in" data-testid="signed-in">
      <div className="signed-in-name" data-testid="signed-in-name">
        {me.name}
      </div>
      <span className={`badge role-${me.role}`} data-testid="signed-in-role">
        {me.role}
      </span>
      {canSignOut && (
        <button onClick={signOut} data-testid="sign-out">
          Sign out
        </button>
      )}
    </section>
  )
}
