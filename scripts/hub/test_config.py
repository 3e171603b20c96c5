"""The hub test's JupyterHub config (scripts/hub_test.sh): deploy/jupyterhub/jupyterhub_config.py as a
teacher uses it, with only what a test on a shared machine needs on top: 127.0.0.1 and fixed ports
for the hub, its API, the proxy's API and each student's server (GOGRAD_HUB_TEST_PORTS, first port:
hub; second: proxy API; third: hub API; then one per student in GOGRAD_HUB_TEST_USERS), a service
whose token (GOGRAD_HUB_TEST_TOKEN) starts servers and reaches them, and the test's students as the
users allowed (hub_test.sh sets GOGRAD_HUB_GROUP empty: no login group)."""
import os

c = get_config()  # noqa: F821
here = os.path.dirname(os.path.abspath(__file__))
load_subconfig(os.path.join(here, "..", "..", "deploy", "jupyterhub", "jupyterhub_config.py"))  # noqa: F821

ports = [int(p) for p in os.environ["GOGRAD_HUB_TEST_PORTS"].split(",")]
users = os.environ["GOGRAD_HUB_TEST_USERS"].split(",")
c.JupyterHub.bind_url = "http://127.0.0.1:%d" % ports[0]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % ports[1]
c.JupyterHub.hub_bind_url = "http://127.0.0.1:%d" % ports[2]
c.Authenticator.allow_all = False
c.Authenticator.allowed_users = set(users)
c.JupyterHub.services = [{"name": "hub-test", "api_token": os.environ["GOGRAD_HUB_TEST_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "hub-test", "services": ["hub-test"],
                            "scopes": ["admin:users", "admin:servers", "access:servers"]}]
server_port = dict(zip(users, ports[3:]))
prepare_student = c.Spawner.pre_spawn_hook


def prepare_student_on_a_known_port(spawner):
    prepare_student(spawner)
    spawner.port = server_port[spawner.user.name]


c.Spawner.pre_spawn_hook = prepare_student_on_a_known_port
