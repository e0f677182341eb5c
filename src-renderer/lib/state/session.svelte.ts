// Who is using the app: the signed-in account on a shared server, the local user elsewhere.
import type { Me } from '../../../src-main/shared/auth'
import { roleAllows } from '../../../src-main/shared/auth'
import { signOut } from '../api/session'

export class Session {
  #me = $state.raw<Me | null>(null)

  get me() {
    return this.#me
  }
  /** An account to show in the top bar, with a way out. */
  get account() {
    return this.#me?.accounts ? this.#me : null
  }
  /** Import, picture downloads: editors and admins. */
  get canEdit() {
    return this.#me ? roleAllows(this.#me.role, 'editor') : false
  }

  /** Backup, check, emptying the trash for good: admins only (the desktop's local user is one). */
  get isAdmin() {
    return this.#me ? roleAllows(this.#me.role, 'admin') : false
  }

  set(me: Me): void {
    this.#me = me
  }

  /** Ends the session and starts the page again, which then asks to sign in. */
  async signOut(): Promise<void> {
    await signOut()
    location.reload()
  }

  reset(): void {
    this.#me = null
  }
}

export const session = new Session()
