import {
  type Actor,
  BUILT_IN_DECODERS,
  type DataProcessing,
  DomainError,
  decoderInfo,
} from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { decodersFor } from '../../pipeline/decode/decoders.ts';
import { recordChange } from '../audit/audit.service.ts';
import * as repo from './data-processing.repo.ts';
import { requireFlow } from './flows.service.ts';

const kindOf = (networkTypes: string[]) => (networkTypes.includes('LORA') ? 'lora' : 'senml');

/** Each decoder of the type's input kind with its state: the flow's setting, or the default. */
function decodersOfType(
  typeId: string,
  networkTypes: string[],
  settings: { deviceTypeId: string; decoderId: string; enabled: boolean }[],
) {
  const kind = kindOf(networkTypes);
  const mine = settings.filter((s) => s.deviceTypeId === typeId);
  const defaults = new Set(decodersFor(kind, typeId, []).map((d) => d.id));
  return BUILT_IN_DECODERS.filter((d) => d.inputKind === kind).map((d) => {
    const setting = mine.find((s) => s.decoderId === d.id);
    return {
      ...decoderInfo(d),
      enabled: setting ? setting.enabled : mine.length === 0 && defaults.has(d.id),
      isDefault: defaults.has(d.id),
    };
  });
}

async function describe(tx: Db | Tx, flowId: string): Promise<DataProcessing> {
  const [types, settings] = await Promise.all([
    repo.typesInFlow(tx, flowId),
    repo.decoderSettings(tx, flowId),
  ]);
  return {
    data: types.map((t) => ({
      deviceType: { id: t.id, name: t.name },
      deviceCount: t.deviceCount,
      decoders: decodersOfType(t.id, t.networkTypes, settings),
    })),
  };
}

export function createDataProcessingService({ db }: Deps) {
  return {
    async get(actor: Actor, flowId: string): Promise<DataProcessing> {
      await requireFlow(db, actor.customerId, flowId);
      return describe(db, flowId);
    },

    /**
     * Switches one decoder for a type. The first change for a type writes the whole current state,
     * so the defaults the user saw stay as they were apart from the one toggle.
     */
    async toggle(
      actor: Actor,
      flowId: string,
      deviceTypeId: string,
      decoderId: string,
      enabled: boolean,
    ): Promise<DataProcessing> {
      return db.transaction(async (tx) => {
        await requireFlow(tx, actor.customerId, flowId);
        const type = await repo.typeExists(tx, deviceTypeId, actor.customerId);
        if (!type) throw new DomainError('resource.not_found', { detail: 'Device type not found' });
        const current = decodersOfType(
          deviceTypeId,
          type.networkTypes,
          await repo.decoderSettings(tx, flowId),
        );
        if (!current.some((d) => d.id === decoderId)) {
          throw new DomainError(
            'request.invalid',
            {},
            { 'params.decoderId': ['This decoder does not apply to this device type'] },
          );
        }
        await repo.setDecoders(
          tx,
          flowId,
          deviceTypeId,
          current.map((d) => ({ decoderId: d.id, enabled: d.id === decoderId ? enabled : d.enabled })),
        );
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: enabled ? 'flow.decoder_enabled' : 'flow.decoder_disabled',
          subjectType: 'flow',
          subjectId: flowId,
          changes: { deviceTypeId, decoderId },
        });
        return describe(tx, flowId);
      });
    },

    catalogue: () => BUILT_IN_DECODERS.map(decoderInfo),
  };
}
