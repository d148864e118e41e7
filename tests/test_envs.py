"Every environment seqrl registers steps with the Gymnasium API and passes Gymnasium's own checker."
import warnings

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from seqrl.envs import list_envs, make_env


@pytest.mark.parametrize("name", list_envs(), ids=str)
def test_env_passes_gymnasium_checker(name):
    env = make_env(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_env(env, skip_render_check=True)
    obs, info = env.reset(seed=0)
    assert env.observation_space.contains(obs), f"{name}: reset observation outside its space"
    obs, r, term, trunc, info = env.step(env.action_space.sample())
    assert np.isfinite(r) and isinstance(term, bool) and isinstance(trunc, bool)
    if name.startswith("mw/"): assert "success" in info
    env.close()
