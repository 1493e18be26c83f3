// SPDX-License-Identifier: EUPL-1.2
import { accessSync, constants } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { testEnv } from '../../src/config/config.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium executable the browser tests drive, or null when none was found. */
    chromiumPath: string | null
  }
}

/** Where Debian, Ubuntu and the usual distributions put Chromium; CHROMIUM_PATH wins when set. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
]

/** The system Chromium (a test tool's own browser download does not work everywhere), or null. */
export function findChromium(): string | null {
  const configured = testEnv().chromiumPath
  for (const candidate of configured ? [configured] : CANDIDATES) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not there; try the next one
    }
  }
  return null
}

/** Flags that keep a headless Chromium quiet and self-contained in a container without a GPU or network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS })
}
