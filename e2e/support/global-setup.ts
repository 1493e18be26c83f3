// SPDX-License-Identifier: EUPL-1.2
import type { TestProject } from 'vitest/node'
import { testEnv } from '../../src/config/config.js'
import { findChromium } from './chromium.js'

/**
 * Finds the Chromium the browser tests drive and hands its path to the specs (`inject('chromiumPath')`).
 * Each spec file starts its own app server on a fresh database, so nothing else is shared here.
 * Without Chromium the specs skip themselves, loudly; in CI (or with REQUIRE_CHROMIUM=1) that is an error.
 */
export default function setup(project: TestProject) {
  const chromiumPath = findChromium()
  if (!chromiumPath) {
    const hint = 'Chromium not found, install with apt-get install chromium (or set CHROMIUM_PATH)'
    if (testEnv().requireChromium) {
      throw new Error(
        `Browser tests need Chromium: ${hint}. REQUIRE_CHROMIUM=1 or CI=true makes this an error.`,
      )
    }
    const bar = '!'.repeat(78)
    console.warn(
      [
        '',
        bar,
        '!!!',
        `!!!  BROWSER TESTS SKIPPED: ${hint}`,
        '!!!  The e2e specs (citizen and caseworker journeys, axe checks) did NOT run.',
        '!!!',
        bar,
        '',
      ].join('\n'),
    )
  }
  project.provide('chromiumPath', chromiumPath)
}
