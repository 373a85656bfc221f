// The containerd image store: with the docker driver, BuildKit can only export cache (registry or
// local) when the engine uses it ("Cache export is not supported for the docker driver").
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';

export function containerdStoreCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'containerd-store',
    title: 'containerd image store',
    run: async () => {
      const engine = await context.engine();
      if (!engine.ok) return SKIPPED_WITHOUT_DAEMON;
      const { containerdSnapshotter, driverStatus } = engine.value.info;
      const details = { containerdSnapshotter, driverStatus: Object.fromEntries(driverStatus) };
      if (containerdSnapshotter)
        return { status: 'ok', finding: 'on: cache export works with the docker driver', details };
      const config = await context.config();
      const exporting = config.ok
        ? Object.values(config.value?.images ?? {})
            .filter(
              (image) =>
                image.cache !== undefined &&
                image.cache.export &&
                (image.cache.registry !== undefined || image.cache.local !== undefined),
            )
            .map((image) => image.name)
        : [];
      const hint =
        'set {"features":{"containerd-snapshotter":true}} in the daemon.json and restart dockerd (images are not migrated: rebuild or pull them)';
      if (exporting.length > 0)
        return {
          status: 'fail',
          finding: `off, but ${exporting.join(', ')} export build cache: the docker driver cannot export without it`,
          hint,
          details,
        };
      return {
        status: 'warn',
        finding: 'off: cache export (registry/local) will not work with the docker driver',
        hint,
        details,
      };
    },
  };
}
