import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3Y-" + "x9!Qz7@Lm2#Vr8$Tp5%Wn4^Bc6&Hd1*Jf0(Gs" * 2


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "mgsite.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "mgsite.example",
            "DATABASE_URL": "sqlite:///unused.sqlite3",
        },
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "mgsite.settings.production",
            "ALLOWED_HOSTS": "mgsite.example",
            "DATABASE_URL": "sqlite:///unused.sqlite3",
        },
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
