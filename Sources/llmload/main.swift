import LLMLoadCLI

await LLMLoadCommand.main()
