// node-forge comes with the adapter, without types; these are the only calls the tests use.
declare module 'node-forge' {
  interface Certificate {
    publicKey: unknown;
    serialNumber: string;
    validity: { notBefore: Date; notAfter: Date };
    setSubject(attrs: object[]): void;
    setIssuer(attrs: object[]): void;
    setExtensions(extensions: object[]): void;
    sign(key: unknown, digest: unknown): void;
  }
  export const pki: {
    createCertificate(): Certificate;
    certificateToPem(cert: Certificate): string;
    privateKeyFromPem(pem: string): unknown;
    publicKeyFromPem(pem: string): unknown;
  };
  export const md: { sha256: { create(): unknown } };
}
