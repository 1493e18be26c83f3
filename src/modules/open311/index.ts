// SPDX-License-Identifier: EUPL-1.2

export { createApiKey } from './api-keys.js'
export { inboundWebhookErrorResponse, inboundWebhookRoutes } from './inbound-webhook.routes.js'
export { open311ErrorResponse } from './open311.format.js'
export { startOpen311Jobs } from './open311.job.js'
export { open311Routes } from './open311.routes.js'
export { open311ServiceRoutes } from './services.routes.js'
