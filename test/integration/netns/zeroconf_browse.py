"""Browse _flagwall._tcp with python-zeroconf (a real mDNS stack nobody here wrote) and print one
JSON line per service added, updated or removed. Usage: zeroconf_browse.py SECONDS"""
import json
import sys
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

TYPE = "_flagwall._tcp.local."


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def on_change(zeroconf, service_type, name, state_change):
    # Printed before resolving: handlers run in the order answers arrived, so this line orders
    # every service seen against later events (the tests rely on it).
    emit({"event": "seen", "change": state_change.name, "name": name})
    if state_change is ServiceStateChange.Removed:
        emit({"event": "removed", "name": name, "at": time.monotonic()})
        return
    info = zeroconf.get_service_info(service_type, name, timeout=3000)
    if info is None:
        emit({"event": "unresolved", "name": name})
        return
    txt = {
        k.decode("utf-8", "replace"): (v.decode("utf-8", "replace") if v is not None else None)
        for k, v in info.properties.items()
    }
    emit(
        {
            "event": "added" if state_change is ServiceStateChange.Added else "updated",
            "name": name,
            "port": info.port,
            "server": info.server,
            "addresses": info.parsed_addresses(),
            "txt": txt,
            "at": time.monotonic(),
        }
    )


zc = Zeroconf(ip_version=IPVersion.V4Only)
emit({"event": "browsing", "type": TYPE})
ServiceBrowser(zc, TYPE, handlers=[on_change])
try:
    time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 20)
finally:
    zc.close()
