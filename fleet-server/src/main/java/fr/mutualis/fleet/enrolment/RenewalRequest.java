package fr.mutualis.fleet.enrolment;

/** A gateway's request for a new certificate: a CSR for a key pair it just generated. */
public record RenewalRequest(String csr) {
}
