// Metadata tests: the image config from a recorded `GET /images/{name}/json` compared with expectations.
import { describe, expect, it } from 'vitest';
import { parseImageConfig } from '../../../src/docker/container-client.js';
import { diffMetadata } from '../../../src/gates/functional/check-metadata.js';
import type { MetadataExpectation } from '../../../src/gates/functional/test-spec-schema.js';

// Recorded from Docker 28.5 for an image built FROM busybox (abridged: fields the tests do not use dropped)
const INSPECT = {
  Id: 'sha256:fff61422b1e451ca8c3da2818bbb5f173da9ecad6fe41faf4e9ff9486af81aeb',
  RepoTags: ['imageforge-itg/controller:t'],
  Config: {
    Env: [
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'JENKINS_HOME=/var/jenkins_home',
    ],
    Cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    WorkingDir: '/www',
    Entrypoint: null,
    Labels: { 'org.opencontainers.image.title': 'controller' },
    ExposedPorts: { '8080/tcp': {} },
    Healthcheck: {
      Test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/login || exit 1'],
      Interval: 1e9,
    },
  },
};

const nothing: MetadataExpectation = {
  env: {},
  labels: {},
  exposedPorts: [],
  user: undefined,
  workdir: undefined,
  entrypoint: undefined,
  cmd: undefined,
  volumes: [],
};

describe('parseImageConfig', () => {
  it('maps the engine JSON, treating omitted and null fields as empty', () => {
    expect(parseImageConfig(INSPECT)).toEqual({
      id: INSPECT.Id,
      env: {
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        JENKINS_HOME: '/var/jenkins_home',
      },
      labels: { 'org.opencontainers.image.title': 'controller' },
      exposedPorts: ['8080/tcp'],
      user: '',
      workingDir: '/www',
      entrypoint: undefined,
      cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      volumes: [],
      healthcheck: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/login || exit 1'],
    });
    expect(parseImageConfig({ Id: 'sha256:1', Config: { Healthcheck: { Test: ['NONE'] } } })).toMatchObject({
      env: {},
      labels: {},
      healthcheck: undefined,
    });
  });
});

describe('diffMetadata', () => {
  const image = parseImageConfig(INSPECT);

  it('is empty when the image matches', () => {
    expect(
      diffMetadata(
        {
          ...nothing,
          env: { JENKINS_HOME: '/var/jenkins_home' },
          labels: { 'org.opencontainers.image.title': 'controller' },
          exposedPorts: ['8080/tcp'],
          workdir: '/www',
          entrypoint: [],
          cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
        },
        image,
      ),
    ).toEqual([]);
  });

  it('says what was expected and what the image has, field by field', () => {
    expect(
      diffMetadata(
        {
          env: { JENKINS_HOME: '/jenkins', JAVA_HOME: '/opt/java' },
          labels: { 'org.opencontainers.image.title': 'agent' },
          exposedPorts: ['50000/tcp'],
          user: 'jenkins',
          workdir: '/var/jenkins_home',
          entrypoint: ['/usr/bin/tini', '--'],
          cmd: ['httpd'],
          volumes: ['/var/jenkins_home'],
        },
        image,
      ),
    ).toEqual([
      'env JENKINS_HOME: expected "/jenkins", got "/var/jenkins_home"',
      'env JAVA_HOME: expected "/opt/java", not set',
      'label org.opencontainers.image.title: expected "agent", got "controller"',
      'exposed port 50000/tcp: expected, not exposed (image has 8080/tcp)',
      'user: expected "jenkins", got ""',
      'workdir: expected "/var/jenkins_home", got "/www"',
      'entrypoint: expected ["/usr/bin/tini","--"], got []',
      'cmd: expected ["httpd"], got ["httpd","-f","-p","8080","-h","/www"]',
      'volume /var/jenkins_home: expected, not declared (image has none)',
    ]);
  });

  it('treats an unset USER as root and an unset WORKDIR as /', () => {
    const bare = parseImageConfig({ Id: 'sha256:1' });
    expect(diffMetadata({ ...nothing, user: 'root', workdir: '/' }, bare)).toEqual([]);
    expect(diffMetadata({ ...nothing, user: '0' }, bare)).toEqual([]);
  });
});
