// SPDX-License-Identifier: EUPL-1.2
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

/** Repository root: the server is started from here, as `npm start` would. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..')
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')

/** Keeps the tail of the server's output for failure messages; the whole of it is not needed. */
const OUTPUT_LIMIT = 20_000

/** The real server (`tsx src/main.ts`) running as a child process. */
export interface AppProcess {
  child: ChildProcess
  baseUrl: string
  /** Resolves when the direct child (the tsx launcher) has exited. */
  exited: Promise<void>
  /** What the server printed so far (tail). */
  output(): string
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Starts `tsx src/main.ts` with the given environment on top of ours. DATABASE_URL and TEST_DATABASE_URL
 * of the test run are removed first, so that only what the caller passes decides which database is used.
 */
export function startApp(port: number, env: Record<string, string>): AppProcess {
  const inherited = { ...process.env }
  delete inherited.DATABASE_URL
  delete inherited.TEST_DATABASE_URL
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve()
    }
    child.once('exit', () => resolve())
  })
  return { child, baseUrl: `http://127.0.0.1:${port}`, exited, output: () => output }
}

/**
 * Polls `GET /healthz` until it answers 200. Fails early when the server process exits, with its output,
 * because a crashed start would otherwise only show up as a timeout.
 */
export async function waitForHealthy(app: AppProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void app.exited.then(() => {
    exited = true
  })
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`server exited before it was healthy (code ${app.child.exitCode}):\n${app.output()}`)
    }
    try {
      const res = await fetch(`${app.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) {
        return
      }
    } catch {
      // Not listening yet.
    }
    await sleep(200)
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${app.output()}`)
}

interface ProcInfo {
  pid: number
  ppid: number
  comm: string
  state: string
}

/** Reads /proc/<pid>/stat (Linux); undefined when the process is gone. */
function procInfo(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm may contain spaces and parentheses: it ends at the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(ppid), comm, state }
  } catch {
    return undefined
  }
}

/** Running in the sense that matters here: exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  const info = procInfo(pid)
  return info !== undefined && info.state !== 'Z' && info.state !== 'X'
}

/**
 * The processes that make up the app: the tsx launcher and the node process it starts. The embedded
 * PostgreSQL server (and its backends) is not part of it: a crash of the app leaves it running, and
 * that orphan is what the next start has to deal with.
 */
export function appProcessTree(rootPid: number): { app: number[]; postgres: number[] } {
  const children = new Map<number, ProcInfo[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    const info = procInfo(Number(entry))
    if (info) {
      children.set(info.ppid, [...(children.get(info.ppid) ?? []), info])
    }
  }
  const app: number[] = []
  const postgres: number[] = []
  const walk = (pid: number) => {
    app.push(pid)
    for (const child of children.get(pid) ?? []) {
      if (child.comm.startsWith('postgres')) {
        postgres.push(child.pid)
      } else {
        walk(child.pid)
      }
    }
  }
  walk(rootPid)
  return { app, postgres }
}

/** SIGKILLs the given processes, innermost first, so the serving node process dies before its launcher. */
export function killHard(pids: number[]): void {
  for (const pid of [...pids].reverse()) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Waits until none of the processes is running any more. */
export async function waitForDeath(pids: number[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (pids.some(isRunning)) {
    if (Date.now() > deadline) {
      throw new Error(`processes still running: ${pids.filter(isRunning).join(', ')}`)
    }
    await sleep(50)
  }
}

/**
 * Ends a server started by {@link startApp} the friendly way (SIGTERM: it closes its pool and stops its
 * embedded PostgreSQL), and hard when that takes too long.
 */
export async function stopApp(app: AppProcess): Promise<void> {
  const { app: pids } = appProcessTree(app.child.pid ?? -1)
  const running = pids.filter(isRunning)
  if (running.length === 0) {
    return
  }
  // The launcher passes the signal on to the node process, which shuts down in order.
  app.child.kill('SIGTERM')
  try {
    await waitForDeath(running, 20_000)
  } catch {
    killHard(running)
    await waitForDeath(running).catch(() => {})
  }
}

/** Reads the pid of the postmaster that holds the lock file of a data directory, if any. */
export async function postmasterPid(pgDataDir: string): Promise<number | undefined> {
  try {
    const first = (await fs.readFile(path.join(pgDataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? ''
    const pid = Number.parseInt(first, 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Stops an embedded PostgreSQL server still running on a data directory (SIGINT = fast shutdown), so a
 * failed test leaves no server behind.
 */
export async function stopPostgresIn(pgDataDir: string): Promise<void> {
  const pid = await postmasterPid(pgDataDir)
  if (pid === undefined || !isRunning(pid) || !procInfo(pid)?.comm.startsWith('postgres')) {
    return
  }
  process.kill(pid, 'SIGINT')
  try {
    await waitForDeath([pid], 30_000)
  } catch {
    process.kill(pid, 'SIGKILL')
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
