import { homedir } from 'node:os'
import { join } from 'node:path'

/** The folder Electron calls `userData` for an app named Lectern, computed without Electron so
 * the CLI and the desktop app agree on where the archive lives. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lectern')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lectern')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Lectern')
}

export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.LECTERN_DB || join(userDataDir(env), 'archive.db')
}
