"""A local SMTP server that keeps every message it receives as a .eml file: the e-mail
tests send real messages through Django's SMTP backend and read them back.

    python tools/smtp_sink.py --port 8025 --folder var/mail-sink

Each message is written whole (headers and body as received), preceded by an
``X-Sink-Rcpt-To`` header with the envelope's recipients (Bcc included), to a new file:
first to a hidden name, then renamed, so a reader never sees half a message.
Listens on 127.0.0.1 only. Tests start it in-process with ``start_sink``.
"""

import argparse
import os
import socket
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        partial = self.folder / f".{name}"
        rcpt = ", ".join(envelope.rcpt_tos)
        partial.write_bytes(f"X-Sink-Rcpt-To: {rcpt}\r\n".encode() + envelope.original_content)
        partial.rename(self.folder / name)
        return "250 Message accepted for delivery"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start_sink(folder, host: str = "127.0.0.1", port: int = 0) -> Controller:
    """Start the sink in a thread (``controller.stop()`` ends it); port 0 picks a free one."""
    controller = Controller(FolderHandler(Path(folder)), hostname=host, port=port or free_port())
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--folder", default="var/mail-sink")
    options = parser.parse_args()
    controller = start_sink(options.folder, options.host, options.port)
    print(
        f"SMTP sink on {controller.hostname}:{controller.port}, writing to {options.folder} "
        f"(pid {os.getpid()})",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
