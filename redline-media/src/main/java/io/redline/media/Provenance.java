package io.redline.media;

/**
 * What writing a label does to a file's C2PA credential (its manifest store). Any change to the
 * file's bytes breaks the store's hard binding, so a label can only be written together with a
 * new manifest that we sign, or by removing the credential on the caller's explicit word.
 * Files without a store are labelled the same way under every choice.
 */
public sealed interface Provenance {

    /** Add a new active manifest signed with the platform's key, the original as its parent. */
    record Sign(C2paSigner signer) implements Provenance {
        public Sign {
            java.util.Objects.requireNonNull(signer, "signer");
        }
    }

    /** Remove the credential: the caller has asked to drop provenance. */
    record Drop() implements Provenance {}

    /** Refuse to label a signed file ({@link MediaFormatException.Kind#SIGNED_CONTENT}). */
    record Refuse() implements Provenance {}

    static Provenance refuse() {
        return new Refuse();
    }

    static Provenance drop() {
        return new Drop();
    }

    /** The platform's choice: sign when a key is configured, otherwise refuse. */
    static Provenance signOrRefuse(C2paSigner signerOrNull) {
        return signerOrNull == null ? new Refuse() : new Sign(signerOrNull);
    }
}
