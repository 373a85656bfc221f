// The integration suite on the older engine of scripts/compat.sh (Debian trixie: dockerd 26.1.5,
// docker CLI 26.1.5, buildx 0.13.1): same files, same settings, another engine. Run it through
// `bash scripts/compat.sh run -- npx vitest run --config vitest.compat.config.ts` so that tests
// with their own DOCKER_CONFIG find the old buildx too (docs/compatibility.md).
import itg from './vitest.itg.config.js';

// read by test/itg/global-setup.ts, which starts the engine and exports its environment
process.env.IMAGEFORGE_TEST_ENGINE = 'compat';

export default itg;
