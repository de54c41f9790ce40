"""`python -m bot ...`: the same command line as the `policybot` script."""

from bot.cli import main

if __name__ == "__main__":
    main()
