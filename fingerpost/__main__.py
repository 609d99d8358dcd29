from fingerpost.cli import main

raise SystemExit(main())
