/** Topic templates of MQTT destinations: checked when saved, rendered per message by the worker. */

export const TOPIC_PLACEHOLDERS = ['urn', 'deviceId'] as const;

/** Why a topic template cannot be published to, or null. */
export function topicTemplateProblem(template: string): string | null {
  if (template.startsWith('$')) return 'Topics starting with $ are reserved for the broker';
  if (/[+#]/.test(template)) return 'A topic to publish to cannot hold the wildcards + or #';
  if (template.includes('\u0000')) return 'A topic cannot hold a NUL character';
  for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(TOPIC_PLACEHOLDERS as readonly string[]).includes(name!)) {
      return `Unknown placeholder {${name}}; use {urn} or {deviceId}`;
    }
  }
  if (/[{}]/.test(template.replace(/\{(urn|deviceId)\}/g, ''))) return 'A brace in the topic is not closed';
  return null;
}

/** The topic one message is published to. */
export function renderTopic(template: string, values: { urn: string; deviceId: string }): string {
  return template.replace(/\{(urn|deviceId)\}/g, (_, name: 'urn' | 'deviceId') => values[name]);
}
