extension CorpusText {
    /// The first sections of ``builtIn``.
    static let firstHalf = #"""
        How Bread Rises

        A loaf of bread begins as a heavy, sticky lump that seems to have no ambition at all. Flour, water, a pinch of salt and a little yeast are stirred together, and for the first few minutes the mixture looks more like paste than food. Then something quiet starts to happen. The yeast, which is a living fungus made of single cells, wakes up in the warm water and begins to feed on the sugars that are released as the flour breaks down.

        As the yeast eats, it gives off carbon dioxide and a small amount of alcohol. The gas has to go somewhere, and this is where the flour earns its place. When wheat flour is mixed with water and kneaded, two proteins, glutenin and gliadin, link up into a stretchy network called gluten. You can think of it as a web of tiny balloons; each bubble of gas pushes against the web, and the web stretches instead of tearing. Ten minutes of kneading by hand (or about five in a mixer) is usually enough to build a strong network.

        Temperature matters more than most beginners expect. At around 24 to 27 degrees Celsius, a typical dough will double in size in an hour or a little more. In a cold kitchen in January it might take three hours, and that is not necessarily a bad thing. A slow rise gives the enzymes in the flour more time to work, and the bread develops a deeper, slightly nutty flavor. Some bakers leave their dough in the refrigerator overnight for exactly this reason.

        When the loaf finally goes into a hot oven, there is one last burst of growth, known as oven spring. The heat makes the trapped gas expand quickly, the yeast has a final frantic meal, and the water in the dough turns partly to steam. After about ten minutes the outer layer sets into a crust, and the shape is fixed. What comes out, forty minutes later, is mostly air held in place by cooked starch and protein. Is it any wonder that people have been fascinated by it for six thousand years?


        A Walk Along the River in Autumn

        The path starts behind the old mill, where a gate that never quite closes leads down a slope of packed earth and roots. By the middle of October the willows along the bank have turned a tired yellow, and every gust of wind sends a few more leaves spinning onto the water. They float away slowly, turning in small circles, as if they are not sure which direction is downstream.

        The river is lower than it was in spring. Stones that were hidden in April now stand above the surface, dry on top and dark green below, and a grey heron stands on one of them with the patience of a statue. I have walked this path perhaps a hundred times, and I have seen the heron catch a fish exactly twice. Both times it happened so fast that I doubted my own eyes; one moment the bird was still, and the next it was swallowing something silver.

        About a mile along, the path crosses a wooden footbridge built in 1987, according to a small metal plate screwed into the rail. The boards are soft with moss at the edges. On the far side there is a bench, and on cold mornings the bench is covered in a thin layer of dew that soaks through your trousers if you are careless enough to sit down. I usually stand instead, and watch the mist lift off the water in long, lazy threads.

        The walk back is always quicker, though the distance is the same. Perhaps it is because the light has changed by then, and the fields on the other side of the river have gone from grey to gold. Perhaps it is simply that I am thinking about coffee. Either way, by the time I reach the mill gate again, my boots are muddy, my hands are cold, and the day feels properly started.


        A Short History of Timekeeping

        For most of human history, nobody needed to know the time to the minute. The sun rose, climbed, and set, and that was precise enough to plan a day of farming or hunting. The earliest tools for measuring time were shadow clocks, simple sticks or pillars whose shadows moved across marked ground. Egyptian examples date back to roughly 1500 BCE, and they worked well, provided the sky was clear.

        Water clocks solved the problem of cloudy days and dark nights. A vessel with a small hole in the bottom would drain at a fairly steady rate, and marks on the inside showed how many hours had passed. Over the centuries engineers added floats, gears and even little figures that moved or rang bells. They were clever devices, but they were sensitive to temperature, since cold water flows a little more slowly than warm water, and they needed constant attention.

        Mechanical clocks appeared in European towns in the late thirteenth century. They were large, loud and not especially accurate; losing or gaining fifteen minutes a day was normal. The real leap came in 1656, when the pendulum was put to work as a regulator. A pendulum of a given length swings at a nearly constant rate, and suddenly good clocks could keep time to within a few seconds a day. Not long afterwards, the minute hand became common on clock faces, because it was finally worth reading.

        Today the most precise clocks count the vibrations of atoms. The official definition of a second is based on caesium atoms, which oscillate 9,192,631,770 times each second under specific conditions. That number sounds absurd, but it makes possible the satellite navigation in a car or phone, which depends on timing signals accurate to billionths of a second. It is a long way from a stick in the sand, and yet the basic idea has not changed: find something that repeats, and count it.


        How a Bicycle Gear Works

        A bicycle gear is a way of trading one thing for another. When you push the pedals, you turn the front chainring, and the chain carries that motion to a smaller cog on the back wheel. If the front ring has 48 teeth and the rear cog has 16, then one full turn of the pedals turns the wheel three times. That is a ratio of three to one, and on flat ground it feels fast and comfortable.

        The catch is that speed costs force. On a steep hill, turning the wheel three times for every pedal stroke requires a lot of effort, and your legs start to burn within a minute. So you shift to a larger rear cog, perhaps one with 32 teeth. Now one pedal turn moves the wheel only one and a half times. You travel less distance per stroke, but each stroke is much easier, and you can keep climbing without stopping.

        The mechanism that moves the chain is called a derailleur, a word borrowed from French that roughly means "to derail." That is exactly what it does; it nudges the chain sideways until it jumps off one cog and settles onto the next. The rear derailleur also has a spring-loaded arm that takes up slack, because a chain wrapped around a large cog needs more length than one wrapped around a small cog. Watch it closely while someone shifts and you will see the arm swing forward and back.

        Older bicycles and many city bikes use hub gears instead, where the whole system is sealed inside the rear wheel. These rely on a set of small planetary gears, arranged around a central sun gear like moons around a planet. They are heavier and offer fewer steps, usually three, seven or eight, but they need very little care and they can be shifted while standing still at a traffic light. For a commuter in a rainy town, that trade is often worth making.


        Why the Tides Come and Go

        Twice a day, on most coastlines, the sea creeps up the beach and then slowly retreats again. The cause is gravity, mainly the pull of the Moon, with a smaller contribution from the Sun. The Moon pulls slightly harder on the side of the Earth that faces it than on the center of the planet, and harder on the center than on the far side. The difference stretches the oceans into a shape a little like a rugby ball, with a bulge facing the Moon and another bulge facing away.

        As the Earth spins, any given stretch of coast passes through both bulges, which is why there are usually two high tides and two low tides in about 24 hours and 50 minutes. The extra 50 minutes comes from the fact that the Moon is moving along its own orbit, so the Earth has to turn a little further each day to catch up with it. That is why the tide tables in a harbor office shift later and later as the month goes on.

        When the Sun and Moon line up, at new moon and full moon, their pulls add together and produce spring tides, with higher highs and lower lows. The name has nothing to do with the season; it comes from the idea of the water springing up. When the two bodies are at right angles, during the quarter moons, the effect partly cancels and we get neap tides, which are gentler. The difference can be dramatic: in some bays the range is a couple of meters at neaps and more than ten at springs.

        Local geography shapes all of this. A narrow, funnel-shaped bay can amplify the tide enormously, while some enclosed seas barely notice it at all. A few places even see only one high tide a day. So while the basic physics is the same everywhere, anyone planning to walk across a sandbar to an island should always check the local table first, and leave a generous margin.


        Learning a Language as an Adult

        There is a popular belief that adults cannot really learn a new language, that the door closes somewhere around the age of twelve. It is not true, though it is easy to see where the idea comes from. Children pick up accents almost effortlessly, and adults often keep a trace of their first language in their pronunciation for life. But adults are usually faster at learning grammar and vocabulary in the early months, because they can use reasoning, notes and patience in ways a small child cannot.

        The hardest part, for most people, is not memory. It is tolerating the feeling of being slow and slightly foolish. Ordering a coffee in a language you have studied for three weeks can be surprisingly stressful; the words you practiced vanish the moment someone looks at you. The people who make progress tend to be the ones who accept this discomfort as part of the process, and who go back the next day to order another coffee.

        Small daily habits beat heroic weekends. Twenty minutes every morning, reading a short article or listening to a podcast, adds up to more than 120 hours in a year. Some learners keep a notebook of phrases they actually needed (how to ask for the bill, how to say that a train is late) rather than lists of words from a textbook. Those phrases stick because they were attached to a real moment.

        At some point, usually after many months, something shifts. You catch yourself understanding a joke, or you realize you followed an entire conversation on a bus without translating it in your head. It does not feel like a dramatic breakthrough; it feels more like noticing that the days have become longer. And then, almost immediately, you discover a whole new layer of things you do not yet understand, which is both annoying and rather wonderful.


        Saturday at the Town Market

        The market opens at seven, but the setting up begins well before dawn. By half past five the square is full of vans with their back doors open, and the sound of metal poles clanking into place echoes off the shop fronts. The cheese seller always arrives first. She has had the same pitch, next to the fountain, for twenty-two years, and she claims she could put up her awning with her eyes closed.

        By nine o'clock the square is crowded. There are crates of apples in four or five varieties, bunches of carrots with their feathery tops still on, and jars of honey lined up so the light shines through them. A man with a folding table sells knives and sharpens old ones while you wait; the whine of his grinding wheel can be heard from the far corner. Near the church steps, a teenager plays the violin, not especially well, but with great determination.

        Prices here are not always lower than in the supermarket, and everyone knows it. People come for other reasons. They come to ask the baker whether the rye is any good today, to hear the egg farmer complain about the weather, and to bump into neighbors they have not seen in a month. A market is, among other things, a very efficient machine for gossip.

        Around one in the afternoon, the energy drains away. Stallholders start offering bargains on whatever will not keep (three lettuces for the price of one, a box of bruised pears for almost nothing), and the pigeons move in to inspect the ground. By three the square is empty again, swept and hosed down, and it is hard to believe that anything happened there at all. Next Saturday, it will happen again.


        What a Compiler Does

        A compiler is a program that translates code written by people into instructions a machine can run. Humans like to write things such as "add the price to the total," expressed in a language with names, loops and conditions. A processor, on the other hand, understands only very simple operations on numbers stored in registers and memory. The compiler sits between the two, and its job is to bridge an enormous gap without changing the meaning of the program.

        The work happens in stages. First comes lexical analysis, where the raw text is broken into tokens: keywords, names, numbers, symbols. Then the parser arranges those tokens into a tree that reflects the structure of the program, so that an expression like 2 + 3 * 4 is understood with the multiplication happening first. After parsing, the compiler checks types and scopes; it notices, for example, when a variable is used before it has been declared, or when text is being added to a number.

        Once the program is known to make sense, the compiler usually converts it into an intermediate representation. This is a simplified, regular form that is easier to analyze than the original source. Most of the clever work, called optimization, happens here. The compiler might notice that a calculation inside a loop gives the same result every time and move it outside the loop, or that a variable is never read and can be removed entirely. Modern compilers run dozens of these passes, one after another.

        The final stage is code generation, where the intermediate form is turned into machine instructions for a particular processor. Decisions about which values live in fast registers and which are kept in slower memory can make a large difference to speed. It is worth remembering that early programmers did all of this by hand. When the first widely used compilers appeared in the late 1950s, many experts doubted that a program could ever produce code as efficient as a skilled person; within a couple of decades, that doubt had mostly disappeared.


        Weather Fronts and the Shape of a Week

        If you watch the weather closely for a week, you start to notice that it does not change randomly. It tends to arrive in chapters. There might be two days of cool, bright sunshine, then a morning when the sky fills with high, wispy cloud, then a grey afternoon of steady drizzle. Much of this pattern comes from fronts, the boundaries between large masses of air with different temperatures and humidity.

        A warm front forms where warm air slides up and over a wedge of colder air. Because the slope is gentle, the signs appear far in advance. Thin cirrus clouds, sometimes called mares' tails, can show up a day or more before any rain. The cloud gradually thickens and lowers, the sun becomes a pale disc, and eventually a long period of light to moderate rain sets in. When the front passes, the air feels milder and damper.

        A cold front is more abrupt. Here the cold air pushes forward like a plough, forcing the warm air upward quickly. That rapid lifting can build towering cumulonimbus clouds, and the weather that follows is often short and dramatic: gusty winds, a sudden heavy shower, perhaps thunder, and then a sharp drop in temperature. Within an hour or two, the sky may clear to a crisp blue, and the visibility becomes remarkably good.

        Forecasters track these fronts on charts covered with lines of little triangles and semicircles, and they use pressure readings from hundreds of stations to predict where each front will be tomorrow. Even so, local details can surprise everyone. A hill can hold rain in place for hours; a sea breeze can delay a front by half a day. Is the forecast wrong, then? Not exactly. It is a statement about likelihood, and the atmosphere is under no obligation to follow it perfectly.


        A Year with the Bees

        The first time I opened a hive, my hands were shaking so badly that I dropped the lid. Nothing terrible happened. The bees rose in a low, curious hum, circled for a while, and then went back to work. My neighbor, who had kept bees for thirty years, laughed and told me that bees mostly care about bees. People are just weather to them.

        In early spring the colony is small, perhaps ten thousand workers clustered around the queen, and the main task is simply to make sure they have enough food until the first flowers open. By May the population can climb past fifty thousand. The queen may lay more than a thousand eggs a day at her peak, and the hive becomes so crowded that the colony starts thinking about swarming, which is how bees reproduce at the level of the whole group. Half the workers leave with the old queen to find a new home, and the rest raise a new queen.

        Summer is the season of honey. Worker bees visit flowers within a few kilometers of the hive, carrying nectar back in a special stomach. Inside, they pass it from bee to bee, adding enzymes, and then fan it with their wings until most of the water evaporates. Only when the moisture falls to about 18 percent do they cap the cells with wax. A single worker, over her short summer life of five or six weeks, produces roughly a twelfth of a teaspoon.

        Autumn is quieter and a little sad. The drones, the male bees, are pushed out of the hive because they cannot gather food and the colony will not feed them through the winter. The workers born in September live much longer than their summer sisters, sometimes four or five months, because their job is to keep the queen warm through the cold. On a still December day I sometimes put my ear against the side of the hive. If I hear a soft, steady murmur, I know they are still there.


        The Craft of Making Maps

        Every map is a collection of decisions about what to leave out. The world is far too detailed to draw in full, so a mapmaker must choose. A road map shows motorways and junctions but hardly bothers with the trees; a hiking map shows every stream and contour line but may omit shops entirely. The skill lies in choosing the right details for the person who will hold the map, and in drawing them so clearly that nobody has to think about it.

        The first great difficulty is that the Earth is round and paper is flat. You cannot peel the skin off a sphere and lay it flat without stretching or tearing it, so every flat map distorts something. Some projections keep the shapes of small areas correct but exaggerate the size of places near the poles. Others keep areas correct but squash shapes. There is no perfect choice, only a sensible choice for a given purpose, such as sailing, teaching, or planning a city.

        Before satellites, surveyors built maps using triangulation. They measured one baseline very carefully, sometimes over several kilometers, and then measured angles from its ends to distant landmarks like church towers and hilltops. With a bit of trigonometry, each new triangle gave new distances, and a chain of triangles could stretch across an entire country. Some national surveys in the eighteenth and nineteenth centuries took decades to complete.

        Modern maps are built from aerial photographs, satellite images and GPS readings, and they are stored as layers of data rather than as single drawings. Yet the old questions have not gone away. Which roads should appear at this zoom level? How should a label be placed so it does not cover a river? What color should a forest be? Good cartography still depends on taste, and on a sort of quiet empathy for the reader who is standing at a crossroads, slightly lost, hoping the map will make sense.


        The Night Train North

        The train left the city at 9:42 in the evening, twelve minutes late, and for the first hour it crawled through suburbs full of lit kitchens and empty car parks. I had a narrow compartment to myself, with a fold-down bed, a tiny sink and a window that did not open. The attendant, a cheerful man with a clipboard, asked what time I would like my breakfast and whether I preferred tea or coffee. I said coffee, at seven, and he wrote it down with great seriousness.

        Sleeping on a train is a skill that takes a night or two to learn. There is the gentle rocking, which is pleasant, and then there are the sudden jolts when the carriages bunch together at a junction, which are not. Around two in the morning we stopped for a long time at a station whose name I could not read. I lifted the blind and saw a single platform lamp, a bench, and a cat walking along the edge of the tracks as if it owned them.

        When I woke again it was just after six, and the landscape had changed completely. The flat farmland was gone. Instead there were dark pine forests, lakes with mist sitting on them like wool, and low hills still patched with old snow. Every so often we passed a red wooden house standing alone by the line, and I wondered who lived there, and whether they still noticed the trains.

        The coffee arrived at exactly seven, along with a roll, a small packet of butter and a slice of cheese. I ate slowly, watching the first sunlight touch the treetops. We arrived at the end of the line at 10:15, a little over twelve hours after leaving. It would have been faster to fly, of course. But a plane would not have given me the cat, or the mist, or that long, suspended night between one place and another.


        Keeping Houseplants Alive

        Most houseplants that die indoors are not killed by neglect. They are killed by kindness, usually in the form of too much water. It is an understandable mistake. A plant looks a little droopy, so its owner gives it a drink, and then another drink a few days later, and the soil never has a chance to dry out. Roots need air as well as water, and in soggy soil they slowly suffocate and rot.

        A simple habit fixes most of this. Before watering, push a finger into the soil up to the second knuckle. If it feels damp, wait. If it feels dry, water thoroughly until some drains out of the bottom of the pot, and then empty the saucer so the plant is not left standing in a puddle. In winter, when the light is weak and growth slows, many common plants need water only every two or three weeks.

        Light is the other half of the story. A spot that seems bright to human eyes can be quite dim for a plant; the light level two meters away from a window may be a tenth of what it is on the sill. Plants that come from forest floors, such as many ferns and trailing vines, cope reasonably well with this. Plants from deserts and open hillsides, like most cacti, will stretch and turn pale if they are kept too far from the glass.

        There is also a lot to be said for simply watching. A plant that leans hard toward the window wants more light. Leaves with brown, crispy edges may point to dry air or irregular watering, while yellowing lower leaves are often just old leaves being retired. Over a year or two, you begin to read these signals almost without thinking. And a plant that has been with you through a few winters starts to feel less like decoration and more like a quiet, green housemate.


        How Bridges Carry Load

        Every bridge has the same basic problem to solve: it must carry weight across an empty space and deliver that weight safely to the ground at either end. The weight includes the bridge itself, which is often the largest part, plus whatever crosses it, whether that is a few walkers, a line of trucks or a heavy freight train. Engineers call these the dead load and the live load, and a good design allows for both with a comfortable margin to spare.

        The simplest bridge is a beam, such as a plank laid over a stream. When someone stands in the middle, the plank bends. Its top surface is squeezed, which is compression, and its bottom surface is stretched, which is tension. That is why steel beams are so often shaped like a capital letter I; most of the material is placed in the top and bottom flanges, where the forces are greatest, and a thin web joins them together.

        Arches work differently. A stone arch turns the downward push of its load into a sideways thrust that travels around the curve and into the supports at each end. Stone is very strong in compression but weak in tension, so the arch suits it perfectly. Roman engineers built arch bridges around two thousand years ago, and a few of them still carry traffic today, which says a great deal about the soundness of the idea (and the quality of the masonry).

        Suspension bridges carry the idea of tension to its extreme. The deck hangs from vertical cables, which hang from two huge main cables draped over tall towers and anchored deep into the ground. Steel wire is extraordinarily strong when pulled, so these bridges can span well over a kilometer. Their weakness is that they are light and flexible, and wind can set them moving. Since a famous collapse in 1940, designers have tested deck shapes in wind tunnels, and modern decks are shaped carefully to let the air flow past without building up a dangerous sway.


        Looking Up at the Night Sky

        On a clear night away from town lights, a person with ordinary eyesight can see perhaps two or three thousand stars at once. That sounds like a lot, but it is a tiny fraction of the hundreds of billions in our own galaxy. Most of what we see are relatively close neighbors, within a few hundred light years, and many of the brightest points are not stars at all but planets, which shine with a steadier light and drift slowly against the background over the weeks.

        The band of the Milky Way is the edge-on view of the disc of our galaxy. From a dark site in late summer, it looks like a long, pale cloud stretching from one horizon to the other, with dark lanes running through it. Those lanes are clouds of dust blocking the light of the stars behind them. Sadly, studies suggest that more than a third of the world's population can no longer see the Milky Way from home, because of artificial light.

        It takes time for your eyes to adjust to the dark. The pupils widen within a minute or so, but the chemical changes in the retina take twenty to thirty minutes to reach their full effect. A single glance at a bright phone screen can undo much of that progress. Experienced stargazers use a dim red torch, because red light disturbs night vision far less than white light does.

        Why bother, when there are spectacular photographs from space telescopes? Partly because the real sky moves. Over an hour, constellations wheel slowly around the pole; a meteor streaks past without warning; a satellite glides overhead and then fades as it passes into the Earth's shadow. And partly because there is something steadying about seeing, with your own eyes, light that left its source before anyone now alive was born.


        A Cooking Lesson in a Small Kitchen

        My aunt's kitchen was about the size of a large wardrobe, and she cooked in it for forty years without once complaining about the space. When I was fifteen she decided I should learn to make a proper tomato sauce, and she gave the lesson with the air of someone passing on a family secret. There was no recipe written down. "You will measure with your eyes," she said, "and your nose will check your arithmetic."

        We started with onions, chopped small, in a heavy pan with a generous pour of olive oil. The heat was low, much lower than I expected. She made me stir them for almost fifteen minutes until they were soft and golden but not brown, and every time I tried to turn the flame up she turned it back down without a word. Patience, it turned out, was the first ingredient, and the onions were simply the excuse to teach it.

        Then came garlic, two cloves, sliced thin and cooked for barely a minute. After that, a tin of whole tomatoes, crushed by hand straight into the pan, a pinch of salt, and a single bay leaf. She let it bubble gently for about forty minutes, stirring now and then and scraping the bottom so nothing stuck. Halfway through she tasted it, frowned slightly, and added a tiny pinch of sugar. When I asked why, she said the tomatoes were "a little sulky this year."

        At the end she stirred in a spoonful of butter and a handful of torn basil, and the whole kitchen smelled like a summer afternoon. We ate it with plain pasta, standing up, because there was no room for a table. I have made that sauce hundreds of times since, in bigger and better-equipped kitchens, and it has never tasted quite as good. I suspect the missing ingredient is a small, crowded room and someone quietly turning the heat back down.


        The Quiet Work of Libraries

        A public library is one of the few places left where anyone can walk in, sit down, and stay for hours without being expected to buy anything. On a weekday morning you might find a retired engineer reading newspapers, a student revising for exams, a parent with a toddler in the picture-book corner, and someone using a public computer to fill out a job application. Each of them is there for a different reason, and the library accommodates all of them without fuss.

        Behind the shelves, there is a surprising amount of organization. Many libraries arrange non-fiction by a decimal system devised in 1876, which divides human knowledge into ten main classes and then subdivides each one again and again. It is far from perfect; some of its early choices look odd today, and it has been revised many times. But it means that books on similar subjects end up next to each other, and browsing along a shelf can lead you to something you never knew you wanted.

        Librarians spend much of their time on work that visitors never see. They select new books within a limited budget, repair damaged ones, track down items from other libraries, and weed out volumes that are outdated or falling apart. They also help people find information, which is a more subtle skill than it sounds. A person asking for "a book about boats" might really need a guide to a sailing license, a history of fishing villages, or a picture book for a four-year-old.

        In recent decades many people predicted that libraries would fade away, replaced by screens. Instead, a lot of them have quietly changed shape. They lend e-books and audiobooks, run coding clubs and language cafes, host reading groups, and offer warm, safe space on cold days. The books are still there, of course, smelling faintly of paper and dust. But the real collection, perhaps, is the community that keeps coming back.
        """#
}
