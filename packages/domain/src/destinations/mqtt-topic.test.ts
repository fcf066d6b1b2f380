import { describe, expect, it } from 'vitest';
import { renderTopic, topicTemplateProblem } from './mqtt-topic.ts';

describe('MQTT topic templates', () => {
  it.each([
    ['devices/{urn}/up', null],
    ['a/{deviceId}/{urn}', null],
    ['plain/topic', null],
    ['$SYS/x', /reserved for the broker/],
    ['a/+/b', /wildcards/],
    ['a/#', /wildcards/],
    ['a/{name}', /Unknown placeholder \{name\}/],
    ['a/{urn', /not closed/],
    ['a/urn}', /not closed/],
  ])('checks the topic template %j', (template, problem) => {
    const found = topicTemplateProblem(template);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('renders the topic of one message', () => {
    const values = { urn: 'urn:dev:IMEI:357292748642776:', deviceId: '8d5c3c9e-0b0c-4b8e-9b59-111111111111' };
    expect(renderTopic('things/{urn}/{deviceId}/{urn}', values)).toBe(
      `things/${values.urn}/${values.deviceId}/${values.urn}`,
    );
  });
});
