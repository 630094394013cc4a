from agents.app import main

main()
