# SPDX-License-Identifier: GPL-2.0-or-later
# TLS helpers for the HTTPS teaching captures (sourced after lib/browser.sh).
#
# Rules kept here: the certificate and key are made for the recording in the scenario's temp
# dir (openssl, valid one day, CN lab.example, never a real key) and deleted with it; the
# client writes its key log (SSLKEYLOGFILE for curl and Python, --ssl-key-log-file for
# Chromium) into the temp dir; lhb_tls_embed puts those secrets into the pcapng (a
# Decryption Secrets Block, editcap --inject-secrets), so Wireshark decrypts the file with
# no setting at all.

# lhb_tls_cert: a throwaway self-signed certificate; sets LHB_TLS_CERT and LHB_TLS_KEY.
lhb_tls_cert() {
    LHB_TLS_CERT="$LHB_WORK/cert.pem"
    LHB_TLS_KEY="$LHB_WORK/key.pem"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
        -subj /CN=lab.example -addext "subjectAltName=DNS:lab.example,IP:127.0.0.1" \
        -keyout "$LHB_TLS_KEY" -out "$LHB_TLS_CERT" 2>/dev/null \
        || lhb_die "openssl could not make the recording's certificate"
    chmod 644 "$LHB_TLS_CERT" "$LHB_TLS_KEY"
    LHB_TLS_KEYLOG="$LHB_WORK/keylog.txt"
    : > "$LHB_TLS_KEYLOG"
}

# lhb_tls_nginx NS ROOT PORT HTTP_EXTRA SECONDS [http2]: nginx (lhb_nginx) listening with
# TLS on 127.0.0.1:PORT, with the recording's certificate; "http2" adds HTTP/2 (ALPN h2).
lhb_tls_nginx() {
    local ns=$1 root=$2 port=$3 extra=$4 secs=$5 h2=${6:-}
    local listen="127.0.0.1:$port ssl"
    [ "$h2" = http2 ] && listen="$listen http2"
    lhb_nginx "$ns" "$root" "$listen" \
        "ssl_certificate $LHB_TLS_CERT; ssl_certificate_key $LHB_TLS_KEY; ssl_protocols TLSv1.3; $extra" "$secs"
}

# lhb_tls_embed: put the key log into the capture (before lhb_finish).
lhb_tls_embed() {
    [ -s "$LHB_TLS_KEYLOG" ] || lhb_die "the client wrote no key log"
    editcap --inject-secrets "tls,$LHB_TLS_KEYLOG" "$LHB_PCAP" "$LHB_WORK/with-secrets.pcapng" \
        || lhb_die "editcap --inject-secrets failed"
    mv -f "$LHB_WORK/with-secrets.pcapng" "$LHB_PCAP"
}
