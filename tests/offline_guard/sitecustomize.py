"""Loaded into every Python process the lab tests start (server and kernel), through PYTHONPATH:
each attempt to resolve or reach a host other than this machine is written down, then refused."""
import ipaddress
import os
import sys


def _loopback(host):
    host = host.decode() if isinstance(host, bytes) else str(host)
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def _guard(event, args):
    if event == "socket.getaddrinfo" and args[0] is not None:
        host = args[0]
    elif event == "socket.connect" and isinstance(args[1], tuple):
        host = args[1][0]
    else:
        return
    if not _loopback(host):
        with open(os.environ["PRISONS_OFF_MACHINE_LOG"], "a") as log:
            log.write(f"{os.getpid()} {event} {host}\n")
        raise PermissionError(f"{host} is not this machine")


sys.addaudithook(_guard)
