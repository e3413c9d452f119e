"""Load the demo caseload and demo users into a store (``spmp demo``)."""

from __future__ import annotations

import getpass

from ..errors import NotFoundError
from ..store import Store
from .plans import import_file, sign_off
from .users import Role, add_user, get_user

__all__ = ["load_demo"]


def load_demo(store: Store, *, subjects: int = 24, seed: int = 1) -> str:
    """Create the demo users (password ``spmp-demo``) and a synthetic caseload.

    Two thirds of the plans are signed off by a supervisor who did not write them; the rest
    stay drafts. The OS user is added as a coordinator too, so ``spmp serve`` works at once.
    Returns a one-paragraph summary for the command line.
    """
    from .demo import DEMO_PASSWORD, DEMO_USERS, demo_author_for, make_caseload

    created = []
    wanted = list(DEMO_USERS)
    me = getpass.getuser()
    if all(name != me for name, _, _ in wanted):
        wanted.append((me, me, Role.COORDINATOR.value))
    for username, display_name, role in wanted:
        try:
            get_user(store, username)
        except NotFoundError:
            add_user(store, username, role, DEMO_PASSWORD, display_name)
            created.append(username)
    supervisors = [u for u, _, r in DEMO_USERS if r == Role.SUPERVISOR.value]
    files = make_caseload(subjects=subjects, seed=seed)
    signed = 0
    for i, file in enumerate(files):
        author = get_user(store, demo_author_for(i))
        info = import_file(store, file, user=author)
        if i % 3 != 2 and info.sign_off is None and info.version == store.latest_version(info.subject_id):
            sign_off(store, info.subject_id, info.version, username=supervisors[i % len(supervisors)],
                     password=DEMO_PASSWORD, rationale="Plan reviewed and approved (demo).")
            signed += 1
    return (f"Loaded {len(files)} synthetic subjects ({signed} plans signed off) into {store!r}.\n"
            f"Users created: {', '.join(created) or 'none (they existed)'}; "
            f"demo password: {DEMO_PASSWORD}")
