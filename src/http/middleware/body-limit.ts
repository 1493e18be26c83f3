// SPDX-License-Identifier: EUPL-1.2
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { PayloadTooLargeError } from '../../shared/errors.js'
import type { AppEnv } from '../context.js'

const FORM_LIMIT = 256 * 1024

/** Caps request bodies before anything parses them: uploads get the configured size, forms far less. */
export const limitBody = createMiddleware<AppEnv>(async (c, next) => {
  const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data')
  const maxSize = multipart ? c.get('deps').config.uploadMaxBytes + 64 * 1024 : FORM_LIMIT
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError('body too large')
    },
  })(c, next)
})
