import forge from 'node-forge';

export interface Pkcs12Contents {
  /** The private key as PKCS#8 PEM, for jose's importPKCS8. */
  privateKeyPem: string;
  /** Base64 DER certificates, the one matching the key first (the x5c header value). */
  certificateChain: string[];
}

/**
 * Reads a PKCS#12 bundle, the usual form of a virksomhetssertifikat: its private key and its
 * certificate chain. Throws on a wrong password or a bundle without a key.
 */
export function readPkcs12(bundle: Buffer, password = ''): Pkcs12Contents {
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(bundle.toString('binary'))),
    password,
  );
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('the PKCS#12 bundle holds no private key');
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  const ownModulus = key.n.toString(16);
  const isLeaf = (cert: forge.pki.Certificate) =>
    (cert.publicKey as forge.pki.rsa.PublicKey).n?.toString(16) === ownModulus;
  const ordered = [...certificates.filter(isLeaf), ...certificates.filter((cert) => !isLeaf(cert))];
  return {
    privateKeyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificateChain: ordered.map((cert) =>
      forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()),
    ),
  };
}
