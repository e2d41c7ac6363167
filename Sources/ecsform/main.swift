print("ecsform")
