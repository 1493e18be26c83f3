// SPDX-License-Identifier: EUPL-1.2
export { KnowledgeRefusedError } from './knowledge.errors.js'
export { renderMarkdown } from './knowledge.markdown.js'
export { knowledgeRoutes } from './knowledge.routes.js'
export type { EntryInput, KnowledgeEntry } from './knowledge.service.js'
export * as knowledgeService from './knowledge.service.js'
export type { KnowledgeKind, KnowledgeLinkKind } from './knowledge.table.js'
