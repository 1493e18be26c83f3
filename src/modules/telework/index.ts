// SPDX-License-Identifier: EUPL-1.2
export {
  type DownloadPolicy,
  type DownloadSession,
  downloadPolicyFor,
  IN_PROCESS_ADDRESS,
} from './download-policy.js'
export { type OutgoingDocument, sendDocument, VIEW_IN_BROWSER, VIEW_PARAM } from './send-document.js'
export { NotWatermarkableError } from './telework.errors.js'
export { watermarkDocument, watermarkText } from './watermark.js'
