// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'
import { loadRetentionConfig } from './retention.js'

describe('retention configuration', () => {
  it('should default to the documented periods', () => {
    expect(loadConfig({}).retention).toEqual({
      caseFileYears: 10,
      complaintYears: 3,
      complaintMailDays: 90,
      sessionDays: 1,
      rateLimitHours: 24,
      staffNameDays: 90,
      batchSize: 500,
      releaseDays: 7,
    })
  })

  it('should read the periods from the environment and refuse nonsense', () => {
    expect(loadRetentionConfig({ RETENTION_CASE_FILE_YEARS: '30' }).caseFileYears).toBe(30)
    expect(() => loadRetentionConfig({ RETENTION_CASE_FILE_YEARS: '0' })).toThrow('RETENTION_CASE_FILE_YEARS')
    expect(() => loadRetentionConfig({ RETENTION_COMPLAINT_MAIL_DAYS: 'bald' })).toThrow(
      'RETENTION_COMPLAINT_MAIL_DAYS',
    )
  })
})
