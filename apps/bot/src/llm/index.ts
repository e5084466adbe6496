export { llmEngineFromConfig } from './configured';
export { createLlmEngine, type LlmEngineOptions, REFUSED_TOOL } from './engine';
export { systemPrompt } from './prompt';
export { TOOLS, type ToolSpec, toolDefinitions, toolsFor } from './tools';
