extension CorpusText {
    /// The last sections of ``builtIn``.
    static let secondHalf = #"""
        Inside a Volcano

        A volcano is, at heart, a place where molten rock from deep inside the Earth finds a way to the surface. That molten rock, called magma while it is underground and lava once it emerges, forms where the mantle partly melts. This happens in a few particular settings: where tectonic plates pull apart, where one plate slides beneath another, and above unusual hot spots that seem to rise from very deep in the mantle.

        The character of an eruption depends heavily on the magma's chemistry. Magma that is low in silica is runny, a bit like warm syrup, and gas bubbles can escape from it easily. Volcanoes fed by this kind of magma tend to produce flowing rivers of lava and build broad, gently sloping shields; some island volcanoes are good examples. Magma rich in silica is far stickier. Gas gets trapped in it, pressure builds, and when it finally breaks free the result can be a violent explosion that shatters the rock into ash.

        Volcanic ash is not soft like the ash in a fireplace. It is made of tiny fragments of rock and glass, sharp-edged and abrasive. A large eruption can throw it more than twenty kilometers into the air, where winds carry it across whole regions. In 1815 a massive eruption in the Indonesian archipelago injected so much material into the upper atmosphere that the following year brought unusually cold weather and failed harvests in parts of Europe and North America.

        Scientists who study volcanoes watch for warning signs: small earthquakes, swelling of the ground, changes in the gases escaping from vents, and shifts in temperature. None of these gives a precise date, but together they can show that a volcano is becoming restless. And yet volcanoes are not only destructive. Weathered volcanic soil is some of the most fertile on the planet, which is why farms and towns so often cling to the slopes of mountains that might, one day, wake up.


        Chess Openings Explained in Words

        The first dozen moves of a chess game are called the opening, and they matter more than beginners often think. In those early moves, both players are trying to do three things at once: bring their pieces out from the back row, claim a share of the center of the board, and get the king to safety. A player who spends too long shuffling one piece around, or who grabs a pawn while the rest of the army is still asleep, often finds that the position has quietly slipped away.

        The center matters because pieces placed there control more squares. A knight in the corner can reach only two squares; the same knight near the middle can reach eight. That is why so many games begin with a pawn moving two squares forward in front of the king or queen. It opens lines for the bishops and the queen, and it stakes a claim to the central squares, which the opponent will usually contest right away.

        Some openings aim for open, tactical positions, full of exchanges and sharp threats. Others build a solid structure first and wait for the opponent to overreach. There are also gambits, in which a player deliberately gives up a pawn in the first few moves in return for faster development or an attack. Is the pawn worth it? Sometimes yes, sometimes no, and whole books have been written arguing about individual gambits that are more than two hundred years old.

        Castling is the usual way to tuck the king away. The king moves two squares toward a rook, and the rook jumps over to stand beside it, all in a single move. It is the only move in chess that involves two pieces at once. Most strong players castle within the first ten moves, though there are exceptions, and experienced players learn when it is safe to delay. In the end, memorizing long sequences of moves is less useful than understanding the ideas behind them; when an opponent leaves the familiar path, it is the ideas that keep you afloat.


        The Long Voyage of a Shipping Container

        A steel shipping container is one of the least glamorous objects in the modern world, and one of the most important. The standard size is twenty feet long, about eight feet wide and a little over eight feet tall, and cargo capacity is often measured in twenty-foot equivalent units. The largest ships now carry more than 20,000 of them, stacked so high that the bridge of the vessel has to be raised well above the deck just so the crew can see over the top.

        Before containers became common in the late 1950s and 1960s, loading a ship meant handling each sack, crate and barrel individually. Dock workers carried goods on their backs or in slings, and a large vessel could spend a week or more in port. Theft and breakage were routine. The container changed everything by treating cargo as a sealed box that could be moved by crane from a truck to a ship to a train without ever being opened. Port times fell from days to hours.

        Consider a container of bicycle parts leaving a factory. It might be loaded onto a truck in the morning, reach the port by evening, and wait in a yard among thousands of others until a crane lifts it aboard. Computers decide where it should go in the stack, taking into account its weight, its destination and the order in which the ship will call at ports. A heavy box placed too high makes the vessel less stable; a box placed under twenty others that must come off first causes costly delays.

        The crossing itself may take three to five weeks, depending on the route and the speed. Large ships often travel slower than they could, a practice called slow steaming, because fuel use rises sharply with speed. At the far end, the whole process runs in reverse, and within a few days the bicycle parts are on a shop floor. Almost nobody who buys the finished bicycle thinks about the journey, which is, in a way, the clearest sign of how well the system works.


        How Vaccines Are Tested

        Before a new vaccine is offered to the public, it passes through a long series of studies designed to check two things: whether it is safe and whether it works. The process described here is a general outline of how such testing is usually organized; the details vary from country to country, and it is the job of regulators and medical professionals to judge each case. The point is simply to show how carefully the steps are arranged.

        The early work happens in laboratories. Researchers study how the candidate vaccine interacts with cells and then, in many cases, with animals. If those results look promising, the developers can apply to begin trials in people. The first human stage, often called phase one, usually involves a small group of healthy volunteers, sometimes only a few dozen. The main goal at this stage is to learn about safety and to find a suitable dose.

        Phase two expands the group to hundreds of people and looks more closely at the immune response, while continuing to monitor safety. Phase three is the large one. It may include tens of thousands of volunteers, split at random into two groups: one receives the vaccine and the other receives a placebo or an existing product. Usually neither the participants nor the staff giving the injections know who got which, a design known as double-blind, so that expectations cannot color the results.

        Only after the data from these trials have been reviewed by independent regulators can a vaccine be approved, and even then the watching does not stop. Monitoring systems continue to collect reports after approval, because some very rare effects appear only when millions of people have been vaccinated. The whole sequence has traditionally taken many years. It can sometimes be shortened by running stages in parallel and by reviewing data as it arrives, but the basic structure of careful, step-by-step checking remains the same.


        The Water Cycle

        The water in a glass on your kitchen table has almost certainly been many other things before. It may have been part of a cloud over the ocean last month, a snowflake on a mountain a century ago, or the breath of an animal long extinct. The total amount of water on Earth changes very little; it simply keeps moving, from sea to sky to land and back again, in a loop that has been running for billions of years.

        The engine of this loop is the Sun. Its heat evaporates water from oceans, lakes, rivers and damp soil, and plants add more by releasing water vapor through tiny pores in their leaves, a process called transpiration. A single large tree can give off hundreds of liters on a hot summer day. The vapor is invisible, and it rises with warm air until it reaches heights where the temperature is low enough for it to condense onto specks of dust, salt or smoke.

        Those tiny droplets are what we see as clouds. A typical cloud droplet is so small that it floats easily on rising air, and it takes roughly a million of them joining together to make one ordinary raindrop. When the drops or ice crystals grow heavy enough, they fall as rain, snow, sleet or hail. About three quarters of all precipitation falls straight back into the oceans, which is a humbling thought for anyone who has spent a week waiting for rain in a dry garden.

        The water that lands on the ground takes many paths. Some runs off into streams and rivers; some soaks down into the soil and slowly recharges groundwater, where it may remain for thousands of years; some is locked away in glaciers and ice caps. Eventually, almost all of it finds its way back to the sea. A drop might complete the circuit in a few days, or it might take longer than human civilization has existed. Either way, the cycle carries on, patient and endless.


        A Letter to an Old Friend

        Dear Tom,

        It has been far too long since I last wrote, and I am sorry about that. I kept meaning to, and then the spring disappeared, and then the summer, and now it is the end of September and the apple tree outside the kitchen is dropping fruit onto the path faster than I can pick it up. Do you remember the afternoon we tried to make cider from a bucket of windfalls? I still think it was the worst drink either of us has ever tasted, and I still think we were right to be proud of it.

        The news here is mostly small. I changed jobs in March, which went better than I feared; the new office is a fifteen-minute walk from home, so I have finally stopped spending two hours a day on the bus. I have taken up rowing on Sunday mornings with a club on the river, and I am by some distance the slowest person in the boat. My sister had her second baby in June, a girl called Ada, who is loud, cheerful and apparently never tired.

        How is the house? Last time we spoke you were in the middle of taking down that wall between the kitchen and the dining room, and I remember you saying it would take "a weekend, two at most." I would love to know how many weekends it actually took. I would also love to know whether you are still playing in that band, and whether the drummer ever learned to arrive on time.

        I will be in your part of the country in November for a conference, from the 14th to the 16th. If you are around, could we meet for dinner, or at least a long walk? I will bring a bottle of something better than our cider, I promise. Write back when you can, even a few lines. It would be good to hear your news.

        With warm wishes, as always,
        Sam


        The Lighthouse Keeper

        Elias Marr had kept the light on Gull Rock for nineteen years when the letter came telling him the station would be automated. He read it twice at the kitchen table, folded it carefully, and put it behind the clock on the mantelpiece, where he kept the things he did not want to think about yet. Then he climbed the 112 steps to the lamp room, as he did every evening, and lit the lamp at exactly 6:48, which was sunset that day.

        The work had never been dramatic. He polished brass and lenses, wound the clockwork that turned the great glass, wrote the weather in a logbook every four hours, and painted something nearly every summer, because salt air ate paint the way goats eat grass. Twice in nineteen years he had watched a ship in real trouble on the reef, and both times the crews had been taken off safely. Mostly, though, he had watched the sea simply being the sea, grey and green and silver, never once the same color two days running.

        The engineers arrived in April with crates of equipment and a cheerful young woman named Priya who was in charge of the installation. She asked him a great many questions, about the fog signal and the way the wind came around the point in winter, and she wrote everything down. On her last evening she climbed the tower with him to watch him light the lamp. "After next month," she said, "it will do this by itself." He nodded. "It always did most of it by itself," he said. "I just kept it company."

        On his final night, Elias did not sleep. He sat in the lamp room with a flask of tea and watched the beam sweep across the water, every fifteen seconds, out and around and back. At dawn he switched off the lamp for the last time, wrote the weather in the logbook, and under it added a single line: "Light kept. All well." Then he went down the 112 steps, took the letter from behind the clock, and left it on the table for whoever might come next.


        How a Refrigerator Keeps Things Cold

        A refrigerator does not really make cold. What it does is move heat from the inside of the box to the outside, which is why the back or underside of a fridge is always a little warm. The trick depends on a simple physical fact that you can feel on your own skin: when a liquid evaporates, it absorbs heat from its surroundings. Step out of a swimming pool on a breezy day and you will notice it immediately.

        Inside the pipes of a fridge circulates a fluid called a refrigerant, chosen because it boils at a very low temperature. In the coils inside the cabinet, the refrigerant is allowed to expand and evaporate, and as it does so it soaks up heat from the air around the food. The now-gaseous refrigerant then travels to a compressor, usually a small pump near the bottom of the appliance, which squeezes it to a much higher pressure. Compressing a gas raises its temperature.

        The hot, high-pressure gas flows through another set of coils on the outside of the fridge, where it gives off its heat to the kitchen and condenses back into a liquid. Then it passes through a narrow valve or tube that drops its pressure suddenly, and the cycle begins again. The humming sound you hear every so often is the compressor switching on when a thermostat notices that the inside has warmed by a degree or two.

        A few habits help the machine do its job. Leaving space behind the fridge lets the outer coils shed heat; keeping the door closed, rather than standing there deciding what to eat, saves more energy than most people realize. A setting of around 3 to 5 degrees Celsius is common for the main compartment, and about minus 18 for the freezer. It is strange to think that this quiet box, which we barely notice, is doing a small piece of thermodynamics all day and all night.


        The Life of a Pencil

        An ordinary wooden pencil is a small marvel of cooperation. The "lead" is not lead at all; it is a mixture of graphite and clay, baked in a kiln. The proportion of clay decides how hard the core will be. More clay makes a harder, lighter line, while more graphite makes a softer, darker one. That is the meaning behind the letters and numbers stamped on the side, such as HB in the middle of the scale, with H grades getting harder and B grades getting blacker.

        The wood is usually cedar, chosen because it is soft enough to sharpen cleanly and does not split easily. Manufacturers cut it into thin slats, carve a row of grooves into each one, lay the cores into the grooves, and glue a second slat on top, like a sandwich. The sandwich is then sliced into individual pencils, shaped (round or hexagonal), painted with several coats, and stamped. A hexagonal pencil has a practical advantage: it does not roll off a sloping desk.

        Graphite was first found in large, pure deposits in northern England in the sixteenth century, and for a while it was so valuable that the mine was guarded. Early users simply wrapped sticks of it in string or sheepskin. The method of mixing powdered graphite with clay came in the 1790s, and it allowed pencils to be made from lower quality material and in consistent grades, which is more or less how they are still made.

        A single pencil can draw a line several kilometers long before it is used up, or write tens of thousands of words. It works upside down, in freezing cold and in zero gravity, and its marks can be erased. Artists, carpenters, crossword solvers and schoolchildren all rely on it. Perhaps the most remarkable thing about the pencil is how unremarkable it seems; it is so well designed that we have stopped seeing it as design at all.


        How Databases Find Things Quickly

        Imagine a table with fifty million rows, each describing a customer order, and a question such as: which orders were placed by customer number 48213? The slowest possible approach is to read every single row and check the customer number. This is called a full scan, and for a small table it is perfectly fine. For fifty million rows stored on disk, it might take many seconds, and a busy website cannot afford to wait that long for every request.

        The usual solution is an index. A database index works a lot like the index at the back of a book. Instead of reading every page to find mentions of "tides," you look up the word in an alphabetical list and jump straight to pages 112 and 187. A database index keeps the values of a chosen column in sorted order, along with pointers to the rows that contain them, so the system can locate matching rows without touching the rest.

        Most databases store these indexes as a structure called a B-tree. It is a wide, shallow tree in which each node holds many keys, often hundreds, and points to children that cover the ranges between them. Because each node is so wide, even a table with billions of rows usually needs only three or four levels. Finding a value means reading a handful of nodes from top to bottom, which is enormously faster than a full scan.

        Indexes are not free, though. Every time a row is inserted, updated or deleted, each index on that table has to be updated as well, which slows down writing. They also take up disk space and memory. Choosing which columns to index is therefore a balancing act. A good rule of thumb is to index the columns that appear most often in searches and joins, then measure; the database's query planner, which decides how to run each query, will often reveal whether an index is being used at all.


        Repairing an Old Wooden Chair

        The chair came from a house clearance sale for the price of a sandwich, and it was easy to see why. One back leg wobbled, two of the rungs had worked loose, and the seat was covered in a sticky layer of old varnish and older dirt. But the wood underneath was solid oak, and the shape was lovely, with a gently curved back that fit the spine as if it had been measured for it. It seemed worth an afternoon, or maybe three.

        The first step was to take apart everything that was already loose. Old furniture was often assembled with animal glue, which softens with heat and moisture, so a few careful taps with a rubber mallet were enough to free the rungs. The wobbly leg needed more persuasion. Each joint had to be cleaned of old glue, scraped gently with a blade so the new glue would grip bare wood rather than a crusty film; it is slow, fiddly work, and skipping it is the most common reason repairs fail.

        Regluing is mostly about clamping. Wood glue needs firm, even pressure for several hours, and a chair is an awkward shape to clamp. I used a pair of long bar clamps and a loop of strong rope twisted tight with a stick, an old trick that works surprisingly well. Before the glue set, I checked that all four legs stood flat on the floor. A chair that is glued up slightly twisted will rock forever, and nobody will forgive you for it.

        The finish came last. After cleaning off the old varnish with a scraper and fine sandpaper, I rubbed in three thin coats of oil over three days, wiping off the excess each time. The oak turned a warm honey color, and the grain, which had been hidden for decades, came back to life. The chair now sits by the window in the spare room. It does not wobble at all, and every time I sit in it, I feel a small, entirely unreasonable sense of pride.


        Why Cities Grow Where They Do

        Look at a map of almost any country and you will notice that large cities are not scattered at random. They cluster along coasts, beside major rivers, at the mouths of valleys and at crossing points. There is nothing mysterious about this. For most of history, moving goods and people over land was slow and expensive, while moving them by water was relatively cheap, so settlements grew where boats could land and trade could happen.

        Rivers offered more than transport. They provided drinking water, fish, power for mills, and fertile floodplains for farming. The lowest point where a river could be bridged or forded was especially valuable, because it was where land routes and water routes met. A small market town at such a spot could grow, over a few centuries, into a regional capital; its position did much of the work, and its people did the rest.

        Once a city reaches a certain size, it tends to keep growing for reasons of its own. Workers move there because that is where the jobs are, and businesses set up there because that is where the workers are. Specialized suppliers, schools, hospitals and theaters follow. Economists call this agglomeration, and it explains why a city may stay important long after its original advantage, such as a harbor too shallow for modern ships, has faded away.

        New technologies redraw the map from time to time. Railways in the nineteenth century turned quiet junctions into busy towns almost overnight, and left some older river ports behind. Cars and highways stretched cities outward into suburbs. It is still too early to know how remote work and fast data connections will reshape things in the long run. Will the old logic of location weaken, or will people keep gathering in the same places, simply because other people are there?


        The First Snow

        It began just after four in the afternoon, when the light was already failing. At first it was hard to be sure; a few pale specks drifted past the window, too few to count as anything, and they melted the moment they touched the pavement. Then, within ten minutes, the air was full of them, large soft flakes falling straight down because there was no wind at all, and the street lamps had come on early to watch.

        By six o'clock the cars parked along the road wore smooth white roofs, and the hedges looked as if someone had dusted them with flour. The usual noises of the street were strangely muffled. Fresh snow absorbs sound remarkably well, because of all the air trapped between the crystals, and the whole neighborhood seemed to be speaking in a whisper. Somewhere a dog barked, once, and then seemed to think better of it.

        The children next door could not be kept inside. They came out in mismatched gloves and hats pulled down over their eyebrows, and within minutes they had started a snowman that was mostly a lumpy pile with ambitions. Their father stood in the doorway holding a mug, pretending to supervise, then gave up and joined them. I could hear them arguing cheerfully about whether a carrot or a pinecone made the better nose.

        Later, after the street had gone quiet again, I stepped outside for a minute. The snow was still falling, and my footprints were the only marks on the path. Every surface was clean and new, and for a moment the ordinary street looked like a place I had never visited. By tomorrow afternoon it would be grey slush, churned by tires and boots. But that night, at least, the whole world had been quietly redrawn.


        How Sound Travels

        Sound is a travelling pattern of pressure. When a guitar string vibrates, it pushes the air molecules next to it, which bump into their neighbors, which bump into theirs, and so on outward in every direction. The molecules themselves do not travel far; each one just jiggles back and forth around the same spot. What moves across the room is the pattern of squeezing and stretching, a bit like a ripple passing along a line of people standing shoulder to shoulder.

        In air at about 20 degrees Celsius, sound travels at roughly 343 meters per second. That is why you can estimate the distance to a thunderstorm by counting the seconds between the flash and the rumble; every three seconds or so means about a kilometer. Sound moves faster in warm air than in cold air, and much faster in water and solids. In water it covers around 1,500 meters per second, and in steel it can exceed 5,000, which is why people once put an ear to a railway track to hear a distant train.

        The pitch of a sound depends on its frequency, the number of pressure waves passing a point each second. A young person with healthy hearing can usually detect frequencies from about 20 to 20,000 per second, although the upper limit drops steadily with age. Loudness depends on how large the pressure changes are, and it is measured on a logarithmic scale in decibels, so that an increase of ten decibels corresponds to ten times more sound energy.

        Rooms shape sound in ways we rarely notice until something goes wrong. Hard, flat surfaces reflect it, creating echoes and a lingering hum called reverberation, while soft furnishings, curtains and carpets absorb it. A concert hall is designed so that reflections arrive at the audience at just the right delays to make music feel full and warm. An empty apartment with bare walls, on the other hand, can make a simple conversation sound like it is taking place in a swimming pool.


        A Morning in the Harbor

        The fishing boats come back in at first light, low in the water, with gulls wheeling and shrieking above them. From the end of the stone pier you can watch them round the breakwater one by one: a blue trawler with a rusty wheelhouse, two smaller boats that work lobster pots along the coast, and a battered old vessel whose name has long since faded from the bow. The engines slow to a deep, uneven throb as they slide alongside the quay.

        Almost at once, the quay becomes busy. Crates of ice are carried down, and the catch is swung up in baskets and sorted on the spot. There is cod, mackerel, a few flat fish, and the occasional surprise that makes everyone crowd round and argue about what it is. The fishermen work quickly and say very little; they have been awake since two or three in the morning, and their faces are red from the wind.

        By seven, a refrigerated truck has backed up to the edge of the quay, and most of the fish is on its way inland. A handful of boxes goes instead to the little shop at the end of the harbor, where the owner chalks the day's prices on a board outside. Retired couples and cooks from the local cafes are already waiting, coffee cups in hand, trying to look as if they just happened to be passing.

        Then, slowly, the harbor settles down again. The boats are hosed clean, nets are spread out to dry, and the gulls lose interest and drift away to sit on the chimney pots. The tide turns around mid-morning, and the water begins its long retreat down the stone steps. By the afternoon, a visitor might think the place had been asleep all day.


        How Paper Is Made

        Most paper begins as trees, although cotton, hemp and recycled paper are also common sources. The key ingredient is cellulose, the long, tough fibers that give plants their structure. To make paper, those fibers have to be separated from each other and from the natural glue, called lignin, that binds them together in wood. This can be done mechanically, by grinding logs against a rough stone, or chemically, by cooking wood chips in a solution that dissolves most of the lignin.

        The result is pulp, a wet, oatmeal-like mass of loose fibers. It is washed, sometimes bleached, and then diluted enormously; at the start of a modern paper machine, the mixture can be more than 99 percent water. This thin soup is sprayed evenly onto a fast-moving mesh belt. Water drains away through the mesh, and as it does, the fibers tangle and lie across one another, forming a fragile mat. That tangling is, in the end, what holds a sheet of paper together.

        From there the sheet passes through a series of rollers that squeeze out more water, and then over dozens of steam-heated drying cylinders. A large machine can be longer than a football field and produce paper at speeds over 1,500 meters per minute. Coatings of clay or starch may be added to give a smooth surface for printing, and a final set of polished rollers can press the paper to a glossy finish. At the far end, the sheet is wound onto huge reels weighing many tons.

        Handmade paper follows the same basic principle on a much smaller scale. A papermaker dips a wooden frame with a fine screen into a vat of pulp, lifts it out level, and gives it a gentle shake so the fibers settle evenly. The wet sheet is pressed onto a piece of felt, and the process is repeated, sheet after sheet. Invented in China nearly two thousand years ago, the method has hardly changed in its essentials, and it still produces some of the most beautiful paper in the world.
        """#
}
