"""A fake AWS behind an HTTPS proxy on loopback, for `serverless package` with no AWS account.

Packaging a layer makes serverless v3 ask CloudFormation for the last deployed stack
(DescribeStacks) to reuse an unchanged layer. The Node AWS SDK honours HTTPS_PROXY, and Node
trusts NODE_EXTRA_CA_CERTS, so the request comes here: we answer CONNECT, speak TLS with a
certificate from our own throwaway CA, and reply as AWS does for a stack never deployed.
Every request is recorded, so a test can prove packaging made no other AWS call.
"""
import datetime
import socket
import ssl
import threading
from urllib.parse import parse_qs

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NO_STACK = """<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
<Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id {name} does not exist</Message></Error>
<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"""


def _pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca_and_cert(tmp_path, hosts):
    """A CA (written for NODE_EXTRA_CA_CERTS) and a certificate it signs for `hosts`."""
    now = datetime.datetime.now(datetime.timezone.utc)
    # Valid for years either side: under faketime (the suite run years ahead) Python signs
    # with the faked date while node, which checks the certificate, may read the real one.
    span = datetime.timedelta(days=4 * 366)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mashangban test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - span).not_valid_after(now + span)
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - span).not_valid_after(now + span)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = (tmp_path / n for n in ("ca.pem", "cert.pem", "key.pem"))
    ca_file.write_bytes(_pem(ca))
    cert_file.write_bytes(_pem(cert))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(ca_file), str(cert_file), str(key_file)


class FakeAwsProxy:
    def __init__(self, tmp_path, region):
        hosts = [f"cloudformation.{region}.amazonaws.com.cn", f"*.{region}.amazonaws.com.cn"]
        self.ca_file, cert_file, key_file = make_ca_and_cert(tmp_path, hosts)
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._tls.load_cert_chain(cert_file, key_file)
        self.calls = []  # (host, Action, params)
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._stop = False

    def start(self):
        threading.Thread(target=self._serve, daemon=True).start()
        return self

    def stop(self):
        self._stop = True
        self._sock.close()

    def env(self) -> dict:
        proxy = f"http://127.0.0.1:{self.port}"
        return {"HTTPS_PROXY": proxy, "https_proxy": proxy, "NODE_EXTRA_CA_CERTS": self.ca_file}

    def _serve(self):
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(conn,), daemon=True).start()

    def _tunnel(self, conn):
        try:
            self._answer(conn)
        except (OSError, ssl.SSLError, IndexError):
            pass  # a client that hangs up early (the SDK probes and retries) is not a call

    def _answer(self, conn):
        with conn:
            conn.settimeout(30)
            head = _read_head(conn)
            host = head.split(b" ")[1].split(b":")[0].decode()
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            with self._tls.wrap_socket(conn, server_side=True) as tls:
                request = _read_head(tls)
                length = next((int(line.split(b":")[1]) for line in request.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                body = request.split(b"\r\n\r\n", 1)[1]
                while len(body) < length:
                    body += tls.recv(65536)
                params = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                self.calls.append((host, params.get("Action"), params))
                if host.startswith("cloudformation.") and params.get("Action") == "DescribeStacks":
                    status, text = "400 Bad Request", NO_STACK.format(name=params.get("StackName"))
                else:
                    status, text = "500 Internal Server Error", "<Error>not faked</Error>"
                data = text.encode()
                tls.sendall(f"HTTP/1.1 {status}\r\nContent-Type: text/xml\r\n"
                            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)


def _read_head(sock) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data
