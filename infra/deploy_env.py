"""Give the zappa-deployed API function the environment the scheduled functions already have.

`serverless deploy` resolves provider.environment once: table and bucket from the stack,
secrets from the deployer's environment or SSM Parameter Store (/mashangban/<stage>/<NAME>).
zappa cannot read SSM, so after `zappa deploy|update <stage>` run

    python -m infra.deploy_env <stage> [--region cn-north-1]

which copies that environment from `mashangban-<stage>-reminders` onto `mashangban-api-<stage>`.
Values stay inside AWS (read from one function, written to the other); nothing touches disk.
zappa's own updates keep variables its settings do not name, so this survives `zappa update`.
"""
import argparse

import boto3

SOURCE = "mashangban-{stage}-reminders"
TARGET = "mashangban-api-{stage}"


def copy_environment(client, stage: str) -> list[str]:
    """Merge the source function's variables into the API function's; return their names."""
    source, target = SOURCE.format(stage=stage), TARGET.format(stage=stage)
    # A function still applying zappa's update refuses configuration changes.
    client.get_waiter("function_updated").wait(FunctionName=target)
    wanted = client.get_function_configuration(FunctionName=source)["Environment"]["Variables"]
    current = client.get_function_configuration(FunctionName=target).get(
        "Environment", {}).get("Variables", {})
    client.update_function_configuration(FunctionName=target,
                                         Environment={"Variables": {**current, **wanted}})
    return sorted(wanted)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["dev", "prod"])
    parser.add_argument("--region", default="cn-north-1")
    args = parser.parse_args(argv)
    names = copy_environment(boto3.client("lambda", region_name=args.region), args.stage)
    print(f"{TARGET.format(stage=args.stage)}: set {', '.join(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
