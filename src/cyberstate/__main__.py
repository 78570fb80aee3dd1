from cyberstate.cli import main

main()
