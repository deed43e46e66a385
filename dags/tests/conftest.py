import os
import sys
import tempfile
from pathlib import Path

# Airflow needs a home before it is imported; tests never touch the user's.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="vigil-airflow-test-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "True")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
